package se.legitimera.oob.server;

/** The host's order-signing key could not sign. */
public final class OrderSigningException extends OobServerException {

    public OrderSigningException(String message) {
        super(message);
    }

    public OrderSigningException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.INTERNAL_ERROR;
    }
}
