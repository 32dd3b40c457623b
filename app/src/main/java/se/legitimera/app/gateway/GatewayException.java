package se.legitimera.app.gateway;

import java.util.Objects;

/** Why a tunnel could not carry a connection; {@link #failure()} says which page the browser gets. */
public abstract class GatewayException extends Exception {

    private final TunnelFailure failure;

    GatewayException(TunnelFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The kind of failure, as shown to the user. */
    public TunnelFailure failure() {
        return failure;
    }
}
