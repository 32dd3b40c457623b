package se.legitimera.smartcard.api;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of signing with a card key: the raw signature, or why there is none. A signature is there
 * exactly when {@link #status()} is {@link PinStatus#OK}; otherwise the status says what went wrong with
 * the PIN (WRONG_PIN with tries left, PIN_BLOCKED, INVALID_FORMAT), that the card went away
 * (CARD_REMOVED), or that the card or scheme cannot sign this way (NOT_SUPPORTED). Immutable.
 */
public final class SignatureResult {

    private final PinResult pin;
    private final byte[] signature;

    private SignatureResult(PinResult pin, byte[] signature) {
        this.pin = pin;
        this.signature = signature;
    }

    /** A signature the card made. */
    public static SignatureResult signed(byte[] signature) {
        return new SignatureResult(PinResult.of(PinStatus.OK), signature.clone());
    }

    /**
     * No signature, for the reason in {@code why}.
     *
     * @throws IllegalArgumentException when {@code why} is OK
     */
    public static SignatureResult notSigned(PinResult why) {
        Objects.requireNonNull(why, "why");
        if (why.ok()) {
            throw new IllegalArgumentException("a result without signature cannot be OK");
        }
        return new SignatureResult(why, null);
    }

    /** No signature, for this reason and no count of tries. */
    public static SignatureResult notSigned(PinStatus status) {
        return notSigned(PinResult.of(status));
    }

    public boolean ok() {
        return signature != null;
    }

    public PinStatus status() {
        return pin.status();
    }

    /** Tries left of the PIN, when the card told them (after a wrong PIN). */
    public OptionalInt triesLeft() {
        return pin.triesLeft();
    }

    /** The PIN side of the outcome, for code that shows PIN results through one table. */
    public PinResult pinResult() {
        return pin;
    }

    /**
     * The raw signature (a copy): for RSA the modulus-sized big-endian integer, as JCA verifies it.
     *
     * @throws IllegalStateException when there is none ({@link #ok()} is false)
     */
    public byte[] signature() {
        if (signature == null) {
            throw new IllegalStateException("no signature: " + pin.status());
        }
        return signature.clone();
    }

    @Override
    public String toString() {
        return ok() ? "SignatureResult[OK, " + signature.length + " bytes]" : "SignatureResult[" + pin + "]";
    }
}
