package se.legitimera.oob.server;

/** The JWS {@code alg} is none of RS256, PS256, ES256, ES384. */
public final class UnsupportedAlgorithmException extends ProofRefusedException {

    public UnsupportedAlgorithmException(String message) {
        super(message);
    }

    public UnsupportedAlgorithmException(String message, Throwable cause) {
        super(message, cause);
    }
}
