package se.legitimera.oob.server;

/** No verified OCSP answer: the responder is unreachable (with {@link OcspMode#FAIL_CLOSED}), does not know the certificate, or answered something unusable. */
public final class RevocationUnknownException extends CertificateRefusedException {

    public RevocationUnknownException(String message) {
        super(message);
    }

    public RevocationUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
