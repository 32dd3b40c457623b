package se.legitimera.smartcard.api;

/** Another program holds the card exclusively. */
public final class ReaderBusyException extends RetriableCardException {

    public ReaderBusyException(String message) {
        super(message, null);
    }

    public ReaderBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
