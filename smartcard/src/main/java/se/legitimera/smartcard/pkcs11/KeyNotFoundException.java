package se.legitimera.smartcard.pkcs11;

/** No private key on the token has the certificate's CKA_ID. */
public final class KeyNotFoundException extends Pkcs11Exception {

    public KeyNotFoundException(String certificateLabel) {
        super("no private key for certificate '" + certificateLabel + "'");
    }
}
