package se.legitimera.smartcard.pkcs11;

/** Any other PKCS#11 failure; {@link #returnValue()} is the CKR_ code. Not retriable. */
public final class Pkcs11CallException extends Pkcs11Exception {

    private final long returnValue;

    public Pkcs11CallException(String message, long returnValue) {
        super(message);
        this.returnValue = returnValue;
    }

    public long returnValue() {
        return returnValue;
    }
}
