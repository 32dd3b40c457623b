package se.legitimera.app.ui.pin;

/**
 * What a new PIN (or a PUK) must look like, as the card and the admin policy require it; the dialogs
 * explain each rule while the user types.
 *
 * @param minLength      fewest characters
 * @param maxLength      most characters
 * @param digitsOnly     only 0-9 allowed
 * @param rejectsTrivial one repeated digit (111111) and straight runs (123456, 654321) refused
 */
public record PinFormat(int minLength, int maxLength, boolean digitsOnly, boolean rejectsTrivial) {

    /** SITHS cards: a PIN of 6 to 8 digits, chosen by the user at activation. */
    public static final PinFormat SITHS_PIN = new PinFormat(6, 8, true, false);

    /** SITHS cards: the PUK from the PIN letter, 8 digits. */
    public static final PinFormat SITHS_PUK = new PinFormat(8, 8, true, false);

    public PinFormat {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("length range " + minLength + ".." + maxLength);
        }
    }

    boolean hasLength(char[] code) {
        return code.length >= minLength && code.length <= maxLength;
    }

    boolean hasOnlyAllowedCharacters(char[] code) {
        if (!digitsOnly) {
            return true;
        }
        for (char c : code) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    boolean isTrivial(char[] code) {
        if (code.length < 2) {
            return false;
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < code.length; i++) {
            int step = code[i] - code[i - 1];
            same &= step == 0;
            up &= step == 1;
            down &= step == -1;
        }
        return same || up || down;
    }
}
