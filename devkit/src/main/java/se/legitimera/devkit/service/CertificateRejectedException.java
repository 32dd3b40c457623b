package se.legitimera.devkit.service;

/** The proof's certificate is not acceptable (hint code certificateErr): untrusted, revoked, expired, wrong kind. */
final class CertificateRejectedException extends Exception {
    CertificateRejectedException(String message) {
        super(message);
    }

    CertificateRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
