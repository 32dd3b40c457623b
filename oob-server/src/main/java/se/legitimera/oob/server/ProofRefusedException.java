package se.legitimera.oob.server;

/**
 * A proof or poll request the service refuses (section 4.3 and 5), answered with {@code proofRejected}. Unless
 * {@link #failsOrder()}, the order stays pending: the refused request need not come from the order's holder.
 */
public abstract sealed class ProofRefusedException extends OobServerException
        permits MalformedProofException, WrongTypeException, UnsupportedAlgorithmException,
        AlgorithmMismatchException, BadSignatureException, UnsupportedVersionException, WrongAudienceException,
        WrongOrderException, WrongChallengeException, WrongOriginException, IssuedAtOutOfWindowException,
        ReplayedProofException, HsaIdMismatchException, CertificateRefusedException {

    ProofRefusedException(String message) {
        super(message);
    }

    ProofRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final ErrorCode errorCode() {
        return ErrorCode.PROOF_REJECTED;
    }

    /** Whether the refusal fails the order (a certificate at fault) or leaves it pending. */
    public boolean failsOrder() {
        return false;
    }
}
