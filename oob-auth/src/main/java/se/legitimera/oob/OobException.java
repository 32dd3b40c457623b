package se.legitimera.oob;

import java.util.Optional;

/**
 * Root of every failure of an out-of-band login as seen by the app. Each subclass names one failure, so
 * the UI maps classes to messages in one table; {@link #hintCode()} is the protocol's hint code when the
 * service gave one.
 */
public abstract sealed class OobException extends Exception
        permits OriginNotAllowedException, TlsInterceptionDetectedException, ServiceCertificateUntrustedException,
                ServiceUnavailableException, OrderNotFoundException, OrderExpiredException, OrderCancelledException,
                OrderSignatureInvalidException, ProofRejectedException, InvalidAutoStartLinkException,
                ProtocolViolationException {

    private final transient HintCode hintCode;

    OobException(String message, HintCode hintCode, Throwable cause) {
        super(message, cause);
        this.hintCode = hintCode;
    }

    /** The hint code the service reported, if any. */
    public Optional<HintCode> hintCode() {
        return Optional.ofNullable(hintCode);
    }
}
