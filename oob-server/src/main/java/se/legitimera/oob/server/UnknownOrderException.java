package se.legitimera.oob.server;

/** No order has this reference or autostart token (or it was purged). */
public final class UnknownOrderException extends OobServerException {

    public UnknownOrderException(String message) {
        super(message);
    }

    public UnknownOrderException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.NOT_FOUND;
    }
}
