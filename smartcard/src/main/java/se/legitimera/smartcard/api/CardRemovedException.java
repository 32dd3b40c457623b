package se.legitimera.smartcard.api;

/** The card went away (removed or reset) while it was being used. */
public final class CardRemovedException extends RetriableCardException {

    public CardRemovedException(String message) {
        super(message, null);
    }

    public CardRemovedException(String message, Throwable cause) {
        super(message, cause);
    }
}
