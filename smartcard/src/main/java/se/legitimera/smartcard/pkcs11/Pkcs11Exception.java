package se.legitimera.smartcard.pkcs11;

/**
 * Root of everything that can go wrong talking to a PKCS#11 module. Messages never contain a PIN, PUK
 * or personal identity number.
 */
public abstract sealed class Pkcs11Exception extends Exception
        permits ModuleLoadException, TokenRemovedException, PinException, UnblockNotSupportedException,
        KeyNotFoundException, MechanismNotSupportedException, Pkcs11CallException {

    Pkcs11Exception(String message) {
        super(message);
    }

    Pkcs11Exception(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when trying again (e.g. after the card is reinserted) can succeed without changing anything. */
    public boolean retriable() {
        return false;
    }
}
