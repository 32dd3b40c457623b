package se.legitimera.oob.server;

/** A certificate of the path is expired. */
public final class CertificateExpiredException extends CertificateRefusedException {

    public CertificateExpiredException(String message) {
        super(message);
    }

    public CertificateExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
