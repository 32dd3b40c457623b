package se.legitimera.oob.server;

/** Not an identification certificate: Key Usage lacks digitalSignature or has nonRepudiation (the signature key). */
public final class WrongKeyUsageException extends CertificateRefusedException {

    public WrongKeyUsageException(String message) {
        super(message);
    }

    public WrongKeyUsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
