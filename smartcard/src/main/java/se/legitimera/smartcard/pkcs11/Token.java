package se.legitimera.smartcard.pkcs11;

import java.util.List;

/**
 * A token (a card) in one slot of a {@link Pkcs11Module}. Holds at most one session, opened on first use;
 * operations on one token run one at a time (callers from several threads are queued). After
 * {@link TokenRemovedException} the session is dropped and the next call opens a fresh one.
 *
 * <p>PINs and PUKs are taken as {@code char[]}; the token encodes them as UTF-8 into buffers it wipes
 * before returning. The caller's arrays are left untouched: the caller wipes them.
 */
public interface Token {

    /** The slot, whose description names the reader the token sits in. */
    SlotInfo slot();

    /** The module the token is reached through. */
    ModuleInfo module();

    /** C_GetTokenInfo now: label, serial, flags, PIN retry state. */
    TokenInfo info() throws Pkcs11Exception;

    /** The X.509 certificates on the token (public objects, no login needed); cached per token. */
    List<TokenCertificate> certificates() throws Pkcs11Exception;

    /**
     * Logs in with {@code pin}, signs {@code data} with the private key whose CKA_ID equals the
     * certificate's, logs out. The data is hashed here with the scheme's hash.
     *
     * @return the signature: PKCS#1 / PSS bytes for RSA, DER SEQUENCE{r, s} for ECDSA
     * @throws PinException wrong PIN, blocked PIN, PIN length refused
     * @throws TokenRemovedException the card or session went away (retriable)
     * @throws KeyNotFoundException no private key matches the certificate
     * @throws MechanismNotSupportedException the key cannot sign with {@code scheme}
     */
    byte[] sign(TokenCertificate certificate, SignatureScheme scheme, byte[] data, char[] pin) throws Pkcs11Exception;

    /** As {@link #sign} but over a digest already computed with {@code scheme.hash()}. */
    byte[] signDigest(TokenCertificate certificate, SignatureScheme scheme, byte[] digest, char[] pin)
            throws Pkcs11Exception;

    /**
     * Changes the user PIN: C_Login(old), C_SetPIN(old, new), C_Logout. Logging in first makes the change
     * mean the same on every module (an unlogged C_SetPIN is an unblock in some OpenSC configurations).
     *
     * @throws PinException the old PIN was wrong or blocked, or the new PIN's length is refused
     */
    void changePin(char[] oldPin, char[] newPin) throws Pkcs11Exception;

    /**
     * Unblocks the user PIN with the PUK in the module's configured {@link UnblockStyle}.
     *
     * @throws UnblockNotSupportedException when no style is configured for the module (nothing is sent)
     * @throws WrongPukException the PUK was refused
     */
    void unblockPin(char[] puk, char[] newPin) throws Pkcs11Exception;
}
