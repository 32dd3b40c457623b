package se.legitimera.smartcard.api;

/** A file on the card does not have the layout its profile promises (file index, certificate). */
public final class CardDataException extends FatalCardException {

    public CardDataException(String message) {
        super(message, null);
    }

    public CardDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
