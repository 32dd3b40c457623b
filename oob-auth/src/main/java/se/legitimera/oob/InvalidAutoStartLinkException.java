package se.legitimera.oob;

/**
 * The {@code legitimera://auth} link is malformed, lacks the service or token, or names a service that is not HTTPS.
 */
public final class InvalidAutoStartLinkException extends OobException {

    public InvalidAutoStartLinkException(String message) {
        this(message, null, null);
    }

    public InvalidAutoStartLinkException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
