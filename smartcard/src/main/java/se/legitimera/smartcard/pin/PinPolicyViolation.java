package se.legitimera.smartcard.pin;

/**
 * One reason a PIN or PUK the user typed is refused before it reaches the card. The UI explains each
 * one inline through its own message table.
 */
public enum PinPolicyViolation {
    /** Nothing was typed. */
    EMPTY,
    /** Something other than the digits 0 to 9. */
    NOT_DIGITS,
    /** Fewer digits than the card's rules allow. */
    TOO_SHORT,
    /** More digits than the card's rules allow. */
    TOO_LONG,
    /** The new PIN and its confirmation differ. */
    CONFIRMATION_MISMATCH,
    /** The new PIN equals the current one. */
    SAME_AS_CURRENT,
    /** The new PIN is one digit repeated (111111) or a run up or down (123456, 654321, 890123). */
    TRIVIAL_SEQUENCE
}
