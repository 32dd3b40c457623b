package se.legitimera.oob;

/**
 * The service refused the signed proof (untrusted, revoked or expired certificate, wrong trust level, replay); {@link #hintCode()} says why.
 */
public final class ProofRejectedException extends OobException {

    public ProofRejectedException(String message) {
        this(message, null, null);
    }

    public ProofRejectedException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
