package se.legitimera.app.gateway;

/** The user gave no PIN: no PIN, no connection. */
public final class PinCancelledException extends GatewayException {

    public PinCancelledException(String message) {
        super(TunnelFailure.PIN_CANCELLED, message, null);
    }
}
