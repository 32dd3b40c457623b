package se.legitimera.smartcard.pkcs11;

/** The PUK was refused while unblocking; {@link #counter()} is the PUK's (SO) retry state. */
public final class WrongPukException extends PinException {

    public WrongPukException(PinCounter counter) {
        super("wrong PUK (" + counter + ")", counter);
    }
}
