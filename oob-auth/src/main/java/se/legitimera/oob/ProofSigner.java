package se.legitimera.oob;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The card's identification key as the OOB client sees it. The app adapts the smartcard module's signer
 * to it; the PIN was verified (or will be) by that adapter, never by oob-auth.
 *
 * <p>Implementations are called from the thread that calls {@link OobClient#complete}; a card adapter
 * hands the work to its reader's thread itself.
 */
public interface ProofSigner {

    /** The identification certificate first, then its issuing CAs as far as the card knows them. */
    List<X509Certificate> certificateChain() throws ProofSigningException;

    /**
     * Signs {@code signingInput} (the ASCII JWS signing input, not a digest) with the identification key.
     *
     * @return the signature in JWS form: PKCS#1/PSS bytes for RSA, R||S for ECDSA
     * @throws ProofSigningException when the card cannot sign: wrong or blocked PIN, card removed, user
     *                               cancelled, card error
     */
    byte[] sign(ProofAlgorithm algorithm, byte[] signingInput) throws ProofSigningException;
}
