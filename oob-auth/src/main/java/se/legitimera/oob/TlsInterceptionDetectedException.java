package se.legitimera.oob;

/**
 * The service presented a TLS key that matches none of its pinned keys: someone is intercepting the connection (a proxy or a middlebox re-signing TLS). The handshake was aborted, no request was sent.
 */
public final class TlsInterceptionDetectedException extends OobException {

    public TlsInterceptionDetectedException(String message) {
        this(message, null, null);
    }

    public TlsInterceptionDetectedException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
