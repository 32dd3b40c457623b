package se.legitimera.smartcard.pkcs11;

/** The key or the module cannot sign with the requested scheme (wrong key type, mechanism missing). */
public final class MechanismNotSupportedException extends Pkcs11Exception {

    public MechanismNotSupportedException(String message) {
        super(message);
    }
}
