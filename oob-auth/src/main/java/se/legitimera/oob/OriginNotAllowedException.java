package se.legitimera.oob;

/**
 * The service origin is not on the allowlist from settings or policy; nothing was sent to it.
 */
public final class OriginNotAllowedException extends OobException {

    public OriginNotAllowedException(String message) {
        this(message, null, null);
    }

    public OriginNotAllowedException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
