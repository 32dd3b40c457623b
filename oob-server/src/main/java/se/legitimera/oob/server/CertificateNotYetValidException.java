package se.legitimera.oob.server;

/** A certificate of the path is not valid yet. */
public final class CertificateNotYetValidException extends CertificateRefusedException {

    public CertificateNotYetValidException(String message) {
        super(message);
    }

    public CertificateNotYetValidException(String message, Throwable cause) {
        super(message, cause);
    }
}
