package se.legitimera.smartcard.pkcs11;

import java.util.ArrayList;
import java.util.List;

/**
 * What a token says about itself (C_GetTokenInfo), read fresh on each call.
 *
 * @param flags raw CK_TOKEN_INFO flags
 */
public record TokenInfo(String label, String manufacturer, String model, String serialNumber, long flags,
        int minPinLength, int maxPinLength, String hardwareVersion, String firmwareVersion) {

    /** The user PIN's retry state as far as the token's flags tell it. */
    public PinCounter userPinCounter() {
        return PinCounter.fromFlags(flags);
    }

    /** True when the PIN is typed on a PIN pad (the module prompts; pass an empty PIN). */
    public boolean protectedAuthenticationPath() {
        return (flags & Ck.CKF_PROTECTED_AUTHENTICATION_PATH) != 0;
    }

    /** False for an empty slot of a soft token (no C_InitToken yet): it holds nothing and opens no session. */
    public boolean initialized() {
        return (flags & Ck.CKF_TOKEN_INITIALIZED) != 0;
    }

    public boolean loginRequired() {
        return (flags & Ck.CKF_LOGIN_REQUIRED) != 0;
    }

    /** Names of the set flags, e.g. LOGIN_REQUIRED, USER_PIN_COUNT_LOW, for display. */
    public List<String> flagNames() {
        List<String> names = new ArrayList<>();
        long[] bits = {Ck.CKF_RNG, Ck.CKF_WRITE_PROTECTED, Ck.CKF_LOGIN_REQUIRED, Ck.CKF_USER_PIN_INITIALIZED,
            Ck.CKF_PROTECTED_AUTHENTICATION_PATH, Ck.CKF_TOKEN_INITIALIZED, Ck.CKF_USER_PIN_COUNT_LOW,
            Ck.CKF_USER_PIN_FINAL_TRY, Ck.CKF_USER_PIN_LOCKED, Ck.CKF_USER_PIN_TO_BE_CHANGED,
            Ck.CKF_SO_PIN_COUNT_LOW, Ck.CKF_SO_PIN_FINAL_TRY, Ck.CKF_SO_PIN_LOCKED};
        String[] labels = {"RNG", "WRITE_PROTECTED", "LOGIN_REQUIRED", "USER_PIN_INITIALIZED",
            "PROTECTED_AUTHENTICATION_PATH", "TOKEN_INITIALIZED", "USER_PIN_COUNT_LOW", "USER_PIN_FINAL_TRY",
            "USER_PIN_LOCKED", "USER_PIN_TO_BE_CHANGED", "SO_PIN_COUNT_LOW", "SO_PIN_FINAL_TRY", "SO_PIN_LOCKED"};
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                names.add(labels[i]);
            }
        }
        return names;
    }
}
