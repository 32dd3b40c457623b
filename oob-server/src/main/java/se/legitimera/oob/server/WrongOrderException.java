package se.legitimera.oob.server;

/** The proof's {@code orderRef} names another order than the token's. */
public final class WrongOrderException extends ProofRefusedException {

    public WrongOrderException(String message) {
        super(message);
    }

    public WrongOrderException(String message, Throwable cause) {
        super(message, cause);
    }
}
