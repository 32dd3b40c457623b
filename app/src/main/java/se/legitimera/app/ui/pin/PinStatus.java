package se.legitimera.app.ui.pin;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One PIN of the active card as the PIN dialogs show it.
 *
 * @param role          which PIN
 * @param triesLeft     PIN tries left (0 = blocked), empty when the card does not tell
 * @param pukTriesLeft  PUK tries left for unblocking this PIN (0 = PUK blocked), empty when unknown
 * @param pinFormat     what a new PIN must look like
 * @param pukFormat     what the PUK looks like
 */
public record PinStatus(PinRole role, OptionalInt triesLeft, OptionalInt pukTriesLeft, PinFormat pinFormat,
                        PinFormat pukFormat) {

    public PinStatus {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(triesLeft, "triesLeft");
        Objects.requireNonNull(pukTriesLeft, "pukTriesLeft");
        Objects.requireNonNull(pinFormat, "pinFormat");
        Objects.requireNonNull(pukFormat, "pukFormat");
    }

    /** Whether the card said the PIN is blocked. */
    public boolean pinBlocked() {
        return triesLeft.isPresent() && triesLeft.getAsInt() == 0;
    }

    /** Whether the card said the PUK is blocked. */
    public boolean pukBlocked() {
        return pukTriesLeft.isPresent() && pukTriesLeft.getAsInt() == 0;
    }
}
