package se.legitimera.smartcard.api;

/** No reader, or not the reader that was asked for. */
public final class NoReaderException extends RetriableCardException {

    public NoReaderException(String message) {
        super(message, null);
    }

    public NoReaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
