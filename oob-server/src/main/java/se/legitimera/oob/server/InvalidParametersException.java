package se.legitimera.oob.server;

/** A request member is missing, malformed or out of range (the host's input, or the RP's). */
public final class InvalidParametersException extends OobServerException {

    public InvalidParametersException(String message) {
        super(message);
    }

    public InvalidParametersException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.INVALID_PARAMETERS;
    }
}
