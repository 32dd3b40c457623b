package se.legitimera.smartcard.pkcs11;

/**
 * How a module lets a PUK unblock the user PIN. Which one works depends on the middleware and its
 * configuration (OpenSC: {@code user_pin_unblock_style} in opensc.conf), and a wrong guess can cost a PIN
 * try on a real card, so the style is configuration, never probed.
 */
public enum UnblockStyle {
    /** Unblocking through this module is not known to work: {@link UnblockNotSupportedException}. */
    NOT_SUPPORTED,
    /** C_SetPIN(PUK, new PIN) in a session that is not logged in (OpenSC {@code set_pin_in_unlogged_session}). */
    SET_PIN_IN_UNLOGGED_SESSION,
    /** C_Login(CKU_CONTEXT_SPECIFIC, PUK), then C_SetPIN(PUK, new PIN) (OpenSC {@code set_pin_in_specific_context}). */
    SET_PIN_IN_CONTEXT_SPECIFIC_LOGIN,
    /** C_Login(CKU_SO, PUK), then C_InitPIN(new PIN) (OpenSC {@code init_pin_in_so_session}, SoftHSM's SO PIN). */
    INIT_PIN_IN_SO_SESSION
}
