package se.legitimera.oob.server;

/** The trust level read from the certificate's policy OIDs is unknown or below the order's requested level. */
public final class TrustLevelTooLowException extends CertificateRefusedException {

    public TrustLevelTooLowException(String message) {
        super(message);
    }

    public TrustLevelTooLowException(String message, Throwable cause) {
        super(message, cause);
    }
}
