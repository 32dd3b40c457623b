package se.legitimera.oob.server;

/** A store (orders, single-use ids, poll sessions) failed; reads may be retried. */
public final class StoreException extends OobServerException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.INTERNAL_ERROR;
    }
}
