package se.legitimera.smartcard.api;

/** The reader has no card in it. */
public final class NoCardException extends RetriableCardException {

    public NoCardException(String message) {
        super(message, null);
    }

    public NoCardException(String message, Throwable cause) {
        super(message, cause);
    }
}
