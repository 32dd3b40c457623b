package se.legitimera.oob.server;

/** Not a compact JWS, a claim missing or of the wrong type, no {@code x5c}, or an unreadable certificate in it. */
public final class MalformedProofException extends ProofRefusedException {

    public MalformedProofException(String message) {
        super(message);
    }

    public MalformedProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
