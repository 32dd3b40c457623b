package se.legitimera.oob;

import java.util.OptionalInt;

/**
 * The card (or its adapter) could not sign the proof. Nothing was posted; a {@link Reason#WRONG_PIN} leaves
 * the order pending so that the user can try again until it expires.
 */
public final class ProofSigningException extends Exception {

    /** What went wrong at the card. */
    public enum Reason {
        WRONG_PIN, PIN_BLOCKED, NO_CARD, CANCELLED, CARD_ERROR
    }

    private final Reason reason;
    private final int triesLeft;

    /**
     * @param triesLeft PIN tries left after a {@link Reason#WRONG_PIN}, -1 when unknown or not applicable
     */
    public ProofSigningException(Reason reason, int triesLeft, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.triesLeft = triesLeft;
    }

    public ProofSigningException(Reason reason, String message) {
        this(reason, -1, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** PIN tries left, when the card told. */
    public OptionalInt triesLeft() {
        return triesLeft < 0 ? OptionalInt.empty() : OptionalInt.of(triesLeft);
    }
}
