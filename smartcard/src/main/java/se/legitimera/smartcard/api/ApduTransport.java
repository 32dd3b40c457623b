package se.legitimera.smartcard.api;

/**
 * Sends one command APDU to a card and returns the response APDU (data, then SW1 SW2).
 *
 * <p>Implementations are used by one thread at a time (the reader's card I/O thread). The command
 * array is not kept: the caller may wipe it as soon as the call returns.
 */
@FunctionalInterface
public interface ApduTransport {

    /**
     * @param command a complete command APDU (header, Lc and data, Le)
     * @return the response, at least the two status bytes
     * @throws CardRemovedException      when the card went away
     * @throws CardCommunicationException on any other transport failure
     */
    byte[] transmit(byte[] command) throws CardRemovedException, CardCommunicationException;
}
