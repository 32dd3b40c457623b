package se.legitimera.smartcard.api;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of a PIN operation: a status and, where the card told it, the tries left of the secret
 * that was checked (the PIN for verify and change, the PUK for unblock).
 */
public record PinResult(PinStatus status, OptionalInt triesLeft) {

    public PinResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(triesLeft, "triesLeft");
    }

    public static PinResult of(PinStatus status) {
        return new PinResult(status, OptionalInt.empty());
    }

    public static PinResult of(PinStatus status, int triesLeft) {
        return new PinResult(status, OptionalInt.of(triesLeft));
    }

    public boolean ok() {
        return status == PinStatus.OK;
    }
}
