package se.legitimera.smartcard.pkcs11;

/** PKCS#11 constants Legitimera uses (values from the PKCS#11 v2.40 headers). */
final class Ck {

    private Ck() {
    }

    // return values
    static final long CKR_OK = 0x0;
    static final long CKR_CANCEL = 0x1;
    static final long CKR_HOST_MEMORY = 0x2;
    static final long CKR_SLOT_ID_INVALID = 0x3;
    static final long CKR_GENERAL_ERROR = 0x5;
    static final long CKR_FUNCTION_FAILED = 0x6;
    static final long CKR_ATTRIBUTE_SENSITIVE = 0x11;
    static final long CKR_ATTRIBUTE_TYPE_INVALID = 0x12;
    static final long CKR_DEVICE_ERROR = 0x30;
    static final long CKR_DEVICE_MEMORY = 0x31;
    static final long CKR_DEVICE_REMOVED = 0x32;
    static final long CKR_FUNCTION_NOT_SUPPORTED = 0x54;
    static final long CKR_KEY_HANDLE_INVALID = 0x60;
    static final long CKR_KEY_TYPE_INCONSISTENT = 0x63;
    static final long CKR_KEY_FUNCTION_NOT_PERMITTED = 0x68;
    static final long CKR_MECHANISM_INVALID = 0x70;
    static final long CKR_MECHANISM_PARAM_INVALID = 0x71;
    static final long CKR_OPERATION_ACTIVE = 0x90;
    static final long CKR_PIN_INCORRECT = 0xA0;
    static final long CKR_PIN_INVALID = 0xA1;
    static final long CKR_PIN_LEN_RANGE = 0xA2;
    static final long CKR_PIN_EXPIRED = 0xA3;
    static final long CKR_PIN_LOCKED = 0xA4;
    static final long CKR_SESSION_CLOSED = 0xB0;
    static final long CKR_SESSION_HANDLE_INVALID = 0xB3;
    static final long CKR_SESSION_READ_ONLY = 0xB5;
    static final long CKR_TOKEN_NOT_PRESENT = 0xE0;
    static final long CKR_TOKEN_NOT_RECOGNIZED = 0xE1;
    static final long CKR_TOKEN_WRITE_PROTECTED = 0xE2;
    static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
    static final long CKR_USER_NOT_LOGGED_IN = 0x101;
    static final long CKR_USER_PIN_NOT_INITIALIZED = 0x102;
    static final long CKR_USER_TYPE_INVALID = 0x103;
    static final long CKR_USER_ANOTHER_ALREADY_LOGGED_IN = 0x104;
    static final long CKR_BUFFER_TOO_SMALL = 0x150;
    static final long CKR_CRYPTOKI_NOT_INITIALIZED = 0x190;
    static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

    // flags
    static final long CKF_OS_LOCKING_OK = 0x2;
    static final long CKF_TOKEN_PRESENT = 0x1;
    static final long CKF_REMOVABLE_DEVICE = 0x2;
    static final long CKF_HW_SLOT = 0x4;
    static final long CKF_RW_SESSION = 0x2;
    static final long CKF_SERIAL_SESSION = 0x4;

    // token flags
    static final long CKF_RNG = 0x1;
    static final long CKF_WRITE_PROTECTED = 0x2;
    static final long CKF_LOGIN_REQUIRED = 0x4;
    static final long CKF_USER_PIN_INITIALIZED = 0x8;
    static final long CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;
    static final long CKF_TOKEN_INITIALIZED = 0x400;
    static final long CKF_USER_PIN_COUNT_LOW = 0x10000;
    static final long CKF_USER_PIN_FINAL_TRY = 0x20000;
    static final long CKF_USER_PIN_LOCKED = 0x40000;
    static final long CKF_USER_PIN_TO_BE_CHANGED = 0x80000;
    static final long CKF_SO_PIN_COUNT_LOW = 0x100000;
    static final long CKF_SO_PIN_FINAL_TRY = 0x200000;
    static final long CKF_SO_PIN_LOCKED = 0x400000;

    // users
    static final long CKU_SO = 0;
    static final long CKU_USER = 1;
    static final long CKU_CONTEXT_SPECIFIC = 2;

    // objects and attributes
    static final long CKO_CERTIFICATE = 1;
    static final long CKO_PRIVATE_KEY = 3;
    static final long CKC_X_509 = 0;
    static final long CKK_RSA = 0;
    static final long CKK_EC = 3;
    static final long CKA_CLASS = 0x0;
    static final long CKA_LABEL = 0x3;
    static final long CKA_VALUE = 0x11;
    static final long CKA_CERTIFICATE_TYPE = 0x80;
    static final long CKA_KEY_TYPE = 0x100;
    static final long CKA_ID = 0x102;
    static final long CKA_SIGN = 0x108;
    static final long CKA_ALWAYS_AUTHENTICATE = 0x202;

    // mechanisms
    static final long CKM_RSA_PKCS = 0x1;
    static final long CKM_RSA_PKCS_PSS = 0xD;
    static final long CKM_SHA256 = 0x250;
    static final long CKM_SHA384 = 0x260;
    static final long CKM_SHA512 = 0x270;
    static final long CKM_ECDSA = 0x1041;
    static final long CKG_MGF1_SHA256 = 0x2;
    static final long CKG_MGF1_SHA384 = 0x3;
    static final long CKG_MGF1_SHA512 = 0x4;

    /** The CKR_ name of a return value, for messages and logs. */
    static String rvName(long rv) {
        for (var field : Ck.class.getDeclaredFields()) {
            if (field.getName().startsWith("CKR_")) {
                try {
                    if (field.getLong(null) == rv) {
                        return field.getName();
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return String.format("CKR_0x%X", rv);
    }
}
