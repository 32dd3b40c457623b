package se.legitimera.smartcard.api;

/**
 * How a PIN operation ended, as far as the card is concerned. The UI turns these into words through
 * one table; {@link PinResult#triesLeft()} adds the count where it matters.
 */
public enum PinStatus {
    /** Done: verified, changed or unblocked. */
    OK,
    /** The PIN (for change: the current PIN) was wrong; tries left are in the result. */
    WRONG_PIN,
    /** The PUK was wrong; PUK tries left are in the result. */
    WRONG_PUK,
    /** The PIN is blocked: unblock it with the PUK. */
    PIN_BLOCKED,
    /** The PUK is blocked: the card cannot be unblocked any more. */
    PUK_BLOCKED,
    /** The value does not fit the card's format (length, digits); nothing was counted. */
    INVALID_FORMAT,
    /** The card was removed (or reset) during the operation; no try is known to have been spent. */
    CARD_REMOVED,
    /** The card or its profile does not support this operation (unknown card, no such PIN). */
    NOT_SUPPORTED
}
