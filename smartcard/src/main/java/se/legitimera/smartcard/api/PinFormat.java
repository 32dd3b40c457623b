package se.legitimera.smartcard.api;

/**
 * How a card wants a PIN or PUK: length rules and how it is padded in an APDU.
 *
 * @param minLength    fewest digits a new value may have
 * @param maxLength    most digits a new value may have
 * @param paddedLength bytes the value takes in an APDU (ASCII digits, then {@code padByte}); 0 = not
 *                     padded, the digits alone (OpenSC 0.24+ on IDPrime 3810, 830 and 930)
 * @param padByte      the byte that fills the value up to {@code paddedLength}
 */
public record PinFormat(int minLength, int maxLength, int paddedLength, byte padByte) {

    public PinFormat {
        if (minLength < 1 || maxLength < minLength || (paddedLength != 0 && paddedLength < maxLength)) {
            throw new IllegalArgumentException("need 1 <= minLength <= maxLength <= paddedLength (or 0), got "
                    + minLength + ", " + maxLength + ", " + paddedLength);
        }
    }

    /** A format whose digits go to the card as they are, without padding. */
    public static PinFormat unpadded(int minLength, int maxLength) {
        return new PinFormat(minLength, maxLength, 0, (byte) 0);
    }

    /** Whether the value is padded to {@link #paddedLength()}. */
    public boolean padded() {
        return paddedLength != 0;
    }

    /** The most digits a value the card already holds can have: the padded length, else {@link #maxLength()}. */
    public int longestValue() {
        return padded() ? paddedLength : maxLength;
    }
}
