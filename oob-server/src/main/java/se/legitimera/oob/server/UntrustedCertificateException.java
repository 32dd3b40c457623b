package se.legitimera.oob.server;

/** No path from the certificate to a configured root, with the {@code x5c} and the configured intermediates. */
public final class UntrustedCertificateException extends CertificateRefusedException {

    public UntrustedCertificateException(String message) {
        super(message);
    }

    public UntrustedCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
