package se.legitimera.oob.server;

import java.util.Optional;

/**
 * The holder certificate is at fault (untrusted, expired, revoked, wrong kind, trust level too low): the
 * order fails with {@code certificateErr}.
 */
public abstract sealed class CertificateRefusedException extends ProofRefusedException
        permits CertificateExpiredException, CertificateNotYetValidException, UntrustedCertificateException,
        CertificateRevokedException, RevocationUnknownException, WrongKeyUsageException, MissingHsaIdException,
        TrustLevelTooLowException {

    CertificateRefusedException(String message) {
        super(message);
    }

    CertificateRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final Optional<HintCode> hintCode() {
        return Optional.of(HintCode.CERTIFICATE_ERR);
    }

    @Override
    public final boolean failsOrder() {
        return true;
    }
}
