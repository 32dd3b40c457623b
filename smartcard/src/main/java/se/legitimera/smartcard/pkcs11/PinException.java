package se.legitimera.smartcard.pkcs11;

import java.util.OptionalInt;

/** The token refused a PIN or PUK; says how many tries are left as far as the token tells. */
public abstract sealed class PinException extends Pkcs11Exception
        permits WrongPinException, PinBlockedException, PinLengthException, WrongPukException {

    private final PinCounter counter;

    PinException(String message, PinCounter counter) {
        super(message);
        this.counter = counter;
    }

    /** Retry state read from the token flags right after the failure. */
    public PinCounter counter() {
        return counter;
    }

    /** Exact tries left when known (1 on the final try, 0 when blocked). */
    public OptionalInt triesLeft() {
        return counter.triesLeft();
    }
}
