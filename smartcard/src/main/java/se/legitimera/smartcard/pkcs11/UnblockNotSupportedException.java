package se.legitimera.smartcard.pkcs11;

/**
 * No PUK unblock style is configured as working for this module, so Legitimera does not try one (a wrong
 * guess can cost a PIN try). Use the card's APDU path or configure the module's {@link UnblockStyle}.
 */
public final class UnblockNotSupportedException extends Pkcs11Exception {

    public UnblockNotSupportedException(String module) {
        super("PUK unblock through " + module + " is not supported by this middleware configuration");
    }
}
