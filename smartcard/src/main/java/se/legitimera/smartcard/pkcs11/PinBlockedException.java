package se.legitimera.smartcard.pkcs11;

/** CKR_PIN_LOCKED, or the last try was just used: the PIN is blocked until unblocked with the PUK. */
public final class PinBlockedException extends PinException {

    public PinBlockedException() {
        super("PIN blocked", PinCounter.LOCKED);
    }
}
