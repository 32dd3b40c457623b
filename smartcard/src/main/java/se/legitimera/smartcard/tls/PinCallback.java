package se.legitimera.smartcard.tls;

/**
 * Asks the user for a card's PIN when the TLS bridge logs in. Called on the thread that builds the
 * {@link CardKeyStore} (never the FX thread: hop there and wait if a dialog is needed).
 */
@FunctionalInterface
public interface PinCallback {

    /**
     * @param tokenLabel the card's token label, to name it in the prompt
     * @return the PIN; the bridge wipes the returned array after use
     * @throws LoginCancelledException when the user cancels
     */
    char[] requestPin(String tokenLabel) throws LoginCancelledException;
}
