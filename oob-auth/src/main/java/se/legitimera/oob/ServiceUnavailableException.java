package se.legitimera.oob;

/**
 * The service could not be reached or answered with a server error, also after the retries allowed for reads.
 */
public final class ServiceUnavailableException extends OobException {

    public ServiceUnavailableException(String message) {
        this(message, null, null);
    }

    public ServiceUnavailableException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
