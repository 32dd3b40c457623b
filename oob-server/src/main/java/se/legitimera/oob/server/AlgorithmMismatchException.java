package se.legitimera.oob.server;

/** The JWS {@code alg} does not fit the certificate's key (an RSA algorithm on an EC key, ES256 on P-384, ...). */
public final class AlgorithmMismatchException extends ProofRefusedException {

    public AlgorithmMismatchException(String message) {
        super(message);
    }

    public AlgorithmMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
