package se.legitimera.smartcard.pkcs11;

import java.util.OptionalInt;

/**
 * A PIN's retry state as PKCS#11 reports it. Token flags never give an exact count except for the last
 * try and the blocked state, so {@link #triesLeft()} is empty otherwise.
 */
public enum PinCounter {
    /** No failed tries reported. */
    FULL,
    /** At least one wrong PIN since the last correct one (CKF_USER_PIN_COUNT_LOW). */
    LOW,
    /** One try left (CKF_USER_PIN_FINAL_TRY). */
    FINAL_TRY,
    /** Blocked (CKF_USER_PIN_LOCKED): only a PUK unblock helps. */
    LOCKED;

    static PinCounter fromFlags(long flags) {
        if ((flags & Ck.CKF_USER_PIN_LOCKED) != 0) {
            return LOCKED;
        }
        if ((flags & Ck.CKF_USER_PIN_FINAL_TRY) != 0) {
            return FINAL_TRY;
        }
        if ((flags & Ck.CKF_USER_PIN_COUNT_LOW) != 0) {
            return LOW;
        }
        return FULL;
    }

    /** Exact tries left where the flags tell it: 1 on the final try, 0 when locked. */
    public OptionalInt triesLeft() {
        return switch (this) {
            case FINAL_TRY -> OptionalInt.of(1);
            case LOCKED -> OptionalInt.of(0);
            default -> OptionalInt.empty();
        };
    }
}
