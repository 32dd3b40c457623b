package se.legitimera.smartcard.api;

/**
 * How a card wants a PIN or PUK: length rules and how it is padded in an APDU.
 *
 * @param minLength    fewest digits a new value may have
 * @param maxLength    most digits a new value may have
 * @param paddedLength bytes the value takes in an APDU (ASCII digits, then {@code padByte})
 * @param padByte      the byte that fills the value up to {@code paddedLength}
 */
public record PinFormat(int minLength, int maxLength, int paddedLength, byte padByte) {

    public PinFormat {
        if (minLength < 1 || maxLength < minLength || paddedLength < maxLength) {
            throw new IllegalArgumentException("need 1 <= minLength <= maxLength <= paddedLength, got "
                    + minLength + ", " + maxLength + ", " + paddedLength);
        }
    }
}
