package se.legitimera.smartcard.tls;

/** The chosen certificate has no key entry in the token's key store. */
public final class CertificateNotOnTokenException extends TlsBridgeException {

    public CertificateNotOnTokenException(String message) {
        super(message, null);
    }
}
