package se.legitimera.smartcard.api;

import java.util.List;
import se.legitimera.smartcard.pkcs11.SignatureScheme;

/**
 * The certificates and private keys of one card, reached by APDU without any PKCS#11 middleware
 * (IDPrime-family profiles only).
 *
 * <p>Methods block while the card works. Implementations from a {@link CardMonitor} run each call on
 * the reader's own thread with the card held exclusively for the whole call, and may be called from any
 * thread except that one. PINs are passed as {@code char[]} of ASCII digits and copied into APDU buffers
 * that are wiped after sending; the caller still owns, and should wipe, its array.
 */
public interface CardKeys {

    /**
     * The card's certificates that have a private key on the card, in the order of the card's file index,
     * each with its key reference and PIN as OpenSC 0.26-0.27 find them (see {@link KeyReferenceRule}). A
     * monitor reads them once per card insertion and answers later calls from memory.
     *
     * @throws UnsupportedCardException when the card's profile has no APDU access (unknown card)
     * @throws CardDataException        when the file index or a certificate file cannot be read as such
     * @throws SmartcardException       when the card cannot be reached, is removed, or answers unexpectedly
     */
    List<CardCertificate> certificates() throws SmartcardException;

    /**
     * Signs {@code data} with the key of {@code certificate}: hashes it on the host with the scheme's hash,
     * verifies the certificate's PIN and has the card sign the hash, all in one exclusive use of the card.
     * The PIN is sent once; nothing is retried. A wrong PIN sends no signing command.
     *
     * @param certificate one of {@link #certificates()} of the card now in the reader
     * @param scheme      RSA PKCS#1 v1.5 or PSS (MGF1 with the same hash, salt = hash length) with
     *                    SHA-256/384/512; other schemes give {@link PinStatus#NOT_SUPPORTED} without any APDU
     * @param data        the data to sign (not a hash)
     * @param pin         the PIN of {@link CardCertificate#pin()}
     * @return the signature, or the PIN or card status that prevented it (see {@link SignatureResult})
     * @throws SmartcardException when the card cannot be reached before the PIN is sent, or answers a
     *                            signing command unexpectedly ({@link UnexpectedResponseException})
     */
    SignatureResult sign(CardCertificate certificate, SignatureScheme scheme, byte[] data, char[] pin)
            throws SmartcardException;
}
