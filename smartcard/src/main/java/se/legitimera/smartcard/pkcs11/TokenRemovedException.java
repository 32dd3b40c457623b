package se.legitimera.smartcard.pkcs11;

/**
 * The token went away mid-operation, or its session did (CKR_TOKEN_NOT_PRESENT, CKR_DEVICE_REMOVED,
 * CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED, or a device failure after which the slot turned empty,
 * as OpenSC reports a card pulled mid-command). Never a wrong PIN: no try was counted that we know of.
 * The token drops its session; the next operation opens a new one.
 */
public final class TokenRemovedException extends Pkcs11Exception {

    public TokenRemovedException(String message) {
        super(message);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
