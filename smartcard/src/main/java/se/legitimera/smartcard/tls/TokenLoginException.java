package se.legitimera.smartcard.tls;

/** The token refused the login (wrong or blocked PIN) or the key store could not be read. */
public final class TokenLoginException extends TlsBridgeException {

    public TokenLoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
