package se.legitimera.oob.server;

/** The error codes of docs/oob-protocol.md section 2 with the HTTP status the protocol gives each. */
public enum ErrorCode {
    INVALID_PARAMETERS("invalidParameters", 400),
    UNAUTHORIZED("unauthorized", 401),
    NOT_FOUND("notFound", 404),
    EXPIRED("expired", 410),
    CANCELLED("cancelled", 409),
    ALREADY_COMPLETED("alreadyCompleted", 409),
    PROOF_REJECTED("proofRejected", 400),
    INTERNAL_ERROR("internalError", 500);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The error code as written in JSON. */
    public String code() {
        return code;
    }

    /** The HTTP status the protocol answers it with. */
    public int httpStatus() {
        return httpStatus;
    }
}
