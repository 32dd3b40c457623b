package se.legitimera.oob.server;

/** The JWS header's {@code typ} is not the one this request needs. */
public final class WrongTypeException extends ProofRefusedException {

    public WrongTypeException(String message) {
        super(message);
    }

    public WrongTypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
