package se.legitimera.oob.server;

import java.util.Optional;

/**
 * Root of everything {@link OobServer} refuses or fails with. Each subclass is one failure; its message is
 * the reason for the host's log (never a secret, never a full personal identity number), {@link #errorCode()}
 * and {@link #hintCode()} are what the protocol tells the client.
 */
public abstract sealed class OobServerException extends Exception
        permits InvalidParametersException, UnknownOrderException, OrderExpiredException, OrderFailedException,
        OrderCompletedException, UnknownPollSessionException, StoreException, OrderSigningException,
        ProofRefusedException {

    OobServerException(String message) {
        super(message);
    }

    OobServerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The protocol's error code (and so the HTTP status) for this failure. */
    public abstract ErrorCode errorCode();

    /** The hint code the client is told, if any. */
    public Optional<HintCode> hintCode() {
        return Optional.empty();
    }
}
