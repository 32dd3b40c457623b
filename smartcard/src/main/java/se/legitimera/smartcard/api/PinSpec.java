package se.legitimera.smartcard.api;

/**
 * One PIN as a card profile describes it.
 *
 * @param kind      what the PIN is for
 * @param reference the card's reference for the PIN (P2 of VERIFY), e.g. 0x11
 * @param maxTries  wrong entries that block the PIN
 * @param format    length rules and padding
 */
public record PinSpec(PinKind kind, int reference, int maxTries, PinFormat format) {

    public PinSpec {
        if (reference < 0 || reference > 0xFF || maxTries < 1) {
            throw new IllegalArgumentException("bad PIN reference or tries: " + reference + ", " + maxTries);
        }
    }
}
