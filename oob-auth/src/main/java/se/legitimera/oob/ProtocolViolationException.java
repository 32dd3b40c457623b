package se.legitimera.oob;

/**
 * The service answered something protocol v1 does not allow (malformed JSON, missing fields, unknown status).
 */
public final class ProtocolViolationException extends OobException {

    public ProtocolViolationException(String message) {
        this(message, null, null);
    }

    public ProtocolViolationException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
