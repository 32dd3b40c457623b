package se.legitimera.oob.server;

/** The signature does not verify with the {@code x5c} leaf's key. */
public final class BadSignatureException extends ProofRefusedException {

    public BadSignatureException(String message) {
        super(message);
    }

    public BadSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
