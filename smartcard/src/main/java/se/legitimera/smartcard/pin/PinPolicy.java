package se.legitimera.smartcard.pin;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import se.legitimera.smartcard.api.PinFormat;

/**
 * The rules a PIN or PUK must meet before Legitimera sends it to a card. Pure and thread-safe; never
 * keeps or copies the secrets it looks at.
 */
public final class PinPolicy {

    private final PinFormat pinFormat;

    /** Rules for new PINs of this format (e.g. 6 to 8 digits on SITHS cards). */
    public PinPolicy(PinFormat pinFormat) {
        this.pinFormat = pinFormat;
    }

    /**
     * Checks a new PIN for a change or an unblock.
     *
     * @param current      the current PIN for a change; {@code null} for an unblock (no current PIN)
     * @param newPin       the new PIN
     * @param confirmation the new PIN typed again
     * @return every rule broken; empty when the new PIN may be sent
     */
    public Set<PinPolicyViolation> checkNewPin(char[] current, char[] newPin, char[] confirmation) {
        Set<PinPolicyViolation> violations = checkFormat(newPin, pinFormat.minLength(), pinFormat.maxLength());
        if (!Arrays.equals(newPin, confirmation)) {
            violations.add(PinPolicyViolation.CONFIRMATION_MISMATCH);
        }
        if (current != null && newPin.length > 0 && Arrays.equals(current, newPin)) {
            violations.add(PinPolicyViolation.SAME_AS_CURRENT);
        }
        if (violations.isEmpty() && trivial(newPin)) {
            violations.add(PinPolicyViolation.TRIVIAL_SEQUENCE);
        }
        return violations;
    }

    /**
     * Checks a value the card already holds (current PIN, PUK) only for what the card can take: digits,
     * at least one, at most {@link PinFormat#longestValue()}. Its own length rules belong to new values.
     */
    public static Set<PinPolicyViolation> checkExisting(char[] value, PinFormat format) {
        return checkFormat(value, 1, format.longestValue());
    }

    /** Checks a PUK: digits and exactly the PUK format's length rules. */
    public static Set<PinPolicyViolation> checkPuk(char[] puk, PinFormat pukFormat) {
        return checkFormat(puk, pukFormat.minLength(), pukFormat.maxLength());
    }

    private static Set<PinPolicyViolation> checkFormat(char[] value, int min, int max) {
        Set<PinPolicyViolation> violations = EnumSet.noneOf(PinPolicyViolation.class);
        if (value.length == 0) {
            violations.add(PinPolicyViolation.EMPTY);
            return violations;
        }
        for (char c : value) {
            if (c < '0' || c > '9') {
                violations.add(PinPolicyViolation.NOT_DIGITS);
                break;
            }
        }
        if (value.length < min) {
            violations.add(PinPolicyViolation.TOO_SHORT);
        } else if (value.length > max) {
            violations.add(PinPolicyViolation.TOO_LONG);
        }
        return violations;
    }

    /** One digit repeated, or each digit one up (or one down) from the last, 9 wrapping to 0. */
    private static boolean trivial(char[] pin) {
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length; i++) {
            int step = Math.floorMod(pin[i] - pin[i - 1], 10);
            same &= step == 0;
            up &= step == 1;
            down &= step == 9;
        }
        return same || up || down;
    }
}
