package se.legitimera.oob.server;

/** OCSP says the certificate is revoked. */
public final class CertificateRevokedException extends CertificateRefusedException {

    public CertificateRevokedException(String message) {
        super(message);
    }

    public CertificateRevokedException(String message, Throwable cause) {
        super(message, cause);
    }
}
