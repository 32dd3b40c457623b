package se.legitimera.smartcard.tls;

/** Root of the failures of the SunPKCS11 TLS bridge. */
public abstract sealed class TlsBridgeException extends Exception
        permits ProviderUnavailableException, TokenLoginException, LoginCancelledException,
        CertificateNotOnTokenException {

    TlsBridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
