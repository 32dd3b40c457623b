package se.legitimera.smartcard.api;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The PUK (unblocking code from the PIN letter) as a card profile describes it.
 *
 * @param probeReference     reference that answers an empty VERIFY with the PUK's tries left, e.g. 0x81;
 *                           empty when the card is not known to tell
 * @param referenceConfirmed false when that reference is assumed, not seen on a real card: a failing
 *                           probe then only means "tries left unknown"
 * @param maxTries           wrong entries that block the PUK, and with it the card, for good
 * @param format             length rules and padding
 */
public record PukSpec(OptionalInt probeReference, boolean referenceConfirmed, int maxTries, PinFormat format) {

    public PukSpec {
        Objects.requireNonNull(probeReference, "probeReference");
        Objects.requireNonNull(format, "format");
        if (probeReference.isPresent() && (probeReference.getAsInt() < 0 || probeReference.getAsInt() > 0xFF)) {
            throw new IllegalArgumentException("bad PUK reference " + probeReference.getAsInt());
        }
        if (maxTries < 1) {
            throw new IllegalArgumentException("bad PUK tries " + maxTries);
        }
    }
}
