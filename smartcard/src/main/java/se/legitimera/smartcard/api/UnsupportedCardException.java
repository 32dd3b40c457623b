package se.legitimera.smartcard.api;

/** The card's profile does not allow the operation (unknown card, no such PIN). */
public final class UnsupportedCardException extends FatalCardException {

    public UnsupportedCardException(String message) {
        super(message, null);
    }

    public UnsupportedCardException(String message, Throwable cause) {
        super(message, cause);
    }
}
