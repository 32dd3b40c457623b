package se.legitimera.smartcard.pkcs11;

/** CKR_PIN_INCORRECT: the PIN was wrong and a try was used up. */
public final class WrongPinException extends PinException {

    public WrongPinException(PinCounter counter) {
        super("wrong PIN (" + counter + ")", counter);
    }
}
