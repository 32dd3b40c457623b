package se.legitimera.oob.server;

/** The order is already complete: a second proof is never accepted. */
public final class OrderCompletedException extends OobServerException {

    public OrderCompletedException(String message) {
        super(message);
    }

    public OrderCompletedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.ALREADY_COMPLETED;
    }
}
