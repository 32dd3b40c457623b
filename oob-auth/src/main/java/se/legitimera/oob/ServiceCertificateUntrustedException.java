package se.legitimera.oob;

/**
 * The service's TLS certificate does not chain to the system trust store or to an extra trusted certificate, or does not name the host. The handshake was aborted, no request was sent.
 */
public final class ServiceCertificateUntrustedException extends OobException {

    public ServiceCertificateUntrustedException(String message) {
        this(message, null, null);
    }

    public ServiceCertificateUntrustedException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
