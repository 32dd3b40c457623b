package se.legitimera.oob.server;

/** {@code iat} is missing, before the order's creation or in the future (beyond the allowed clock skew). */
public final class IssuedAtOutOfWindowException extends ProofRefusedException {

    public IssuedAtOutOfWindowException(String message) {
        super(message);
    }

    public IssuedAtOutOfWindowException(String message, Throwable cause) {
        super(message, cause);
    }
}
