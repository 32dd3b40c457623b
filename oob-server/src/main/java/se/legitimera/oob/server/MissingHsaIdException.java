package se.legitimera.oob.server;

/** The certificate's subject carries no HSA-id (subject serialNumber). */
public final class MissingHsaIdException extends CertificateRefusedException {

    public MissingHsaIdException(String message) {
        super(message);
    }

    public MissingHsaIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
