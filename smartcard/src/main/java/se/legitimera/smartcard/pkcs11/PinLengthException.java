package se.legitimera.smartcard.pkcs11;

/** CKR_PIN_LEN_RANGE or CKR_PIN_INVALID: the PIN has a length or characters the token refuses; no try used. */
public final class PinLengthException extends PinException {

    private final int minLength;
    private final int maxLength;

    public PinLengthException(int minLength, int maxLength, PinCounter counter) {
        super("PIN length or characters not accepted (token allows " + minLength + " to " + maxLength + ")", counter);
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }
}
