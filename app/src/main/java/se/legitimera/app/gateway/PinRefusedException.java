package se.legitimera.app.gateway;

import java.util.OptionalInt;

/** The card refused the PIN (wrong PIN, or the PIN is blocked when no tries are left). */
public final class PinRefusedException extends GatewayException {

    private final OptionalInt triesLeft;

    /** @param triesLeft tries left before the PIN is blocked, when the card said so */
    public PinRefusedException(String message, OptionalInt triesLeft) {
        super(TunnelFailure.PIN_REFUSED, message, null);
        this.triesLeft = triesLeft;
    }

    /** Tries left before the PIN is blocked, when known. */
    public OptionalInt triesLeft() {
        return triesLeft;
    }
}
