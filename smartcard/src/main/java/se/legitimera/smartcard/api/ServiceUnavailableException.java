package se.legitimera.smartcard.api;

/** The PC/SC service (pcscd, SCardSvr) is not running or does not answer. */
public final class ServiceUnavailableException extends RetriableCardException {

    public ServiceUnavailableException(String message) {
        super(message, null);
    }

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
