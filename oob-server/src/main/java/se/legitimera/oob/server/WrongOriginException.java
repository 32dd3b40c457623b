package se.legitimera.oob.server;

/** The proof's {@code origin} is not the order's relying party origin. */
public final class WrongOriginException extends ProofRefusedException {

    public WrongOriginException(String message) {
        super(message);
    }

    public WrongOriginException(String message, Throwable cause) {
        super(message, cause);
    }
}
