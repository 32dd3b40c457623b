package se.legitimera.oob.server;

/** No poll session has this token, or it expired. */
public final class UnknownPollSessionException extends OobServerException {

    public UnknownPollSessionException(String message) {
        super(message);
    }

    public UnknownPollSessionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.NOT_FOUND;
    }
}
