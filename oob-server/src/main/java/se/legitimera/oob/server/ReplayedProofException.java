package se.legitimera.oob.server;

/** The {@code jti} was used before (or is missing or too short). */
public final class ReplayedProofException extends ProofRefusedException {

    public ReplayedProofException(String message) {
        super(message);
    }

    public ReplayedProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
