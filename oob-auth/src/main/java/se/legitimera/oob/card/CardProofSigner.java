package se.legitimera.oob.card;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.legitimera.oob.ProofAlgorithm;
import se.legitimera.oob.ProofSigner;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.ProofSigningException.Reason;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.NoReaderException;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.SignatureResult;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.pkcs11.KeyAlgorithm;
import se.legitimera.smartcard.pkcs11.SignatureScheme;

/**
 * A {@link ProofSigner} over a card's identification key reached by APDU ({@link CardKeys}): the proof is
 * signed by the certificate whose PIN is the identification PIN (Legitimering), never by the
 * non-repudiation key.
 *
 * <p>One signer makes at most one signature: the PIN is sent to the card once, then the signer's copy is
 * wiped, so a wrong PIN is never retried behind the user's back. Card, PIN and service failures become
 * {@link ProofSigningException}s; a card that is removed or missing is {@link Reason#NO_CARD}, never a
 * wrong PIN. Calls block while the card works ({@link CardKeys} hands them to the reader's thread), so
 * never call {@link #sign} on a UI thread. Thread-safe.
 */
public final class CardProofSigner implements ProofSigner {

    /**
     * Gives the PIN when the card is about to be asked. The signer wipes the returned array after use.
     */
    @FunctionalInterface
    public interface PinSource {

        /**
         * @return the identification PIN as ASCII digits; never empty
         * @throws ProofSigningException with {@link Reason#CANCELLED} when the user gives none
         */
        char[] pin() throws ProofSigningException;
    }

    private final CardKeys keys;
    private final CardCertificate certificate;
    private final List<X509Certificate> chain;
    private PinSource pins;
    private volatile PinResult answer;

    private CardProofSigner(CardKeys keys, CardCertificate certificate, List<X509Certificate> issuers,
            PinSource pins) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.pins = Objects.requireNonNull(pins, "pins");
        if (certificate.pin() != PinKind.IDENTIFICATION) {
            throw new IllegalArgumentException("not an identification certificate: " + certificate.name());
        }
        List<X509Certificate> all = new ArrayList<>();
        all.add(certificate.x509());
        all.addAll(issuers);
        this.chain = List.copyOf(all);
    }

    /**
     * A signer that sends a copy of {@code pin} (taken now) when it signs; the caller may wipe its array
     * as soon as this returns.
     *
     * @param identification the card's identification certificate, e.g. from {@link #identificationCertificate}
     * @param issuers        its issuing CAs, closest first, to send along (may be empty)
     * @throws IllegalArgumentException when the certificate is not unlocked by the identification PIN
     */
    public static CardProofSigner withPin(CardKeys keys, CardCertificate identification,
            List<X509Certificate> issuers, char[] pin) {
        char[] copy = pin.clone();
        return new CardProofSigner(keys, identification, issuers, () -> copy);
    }

    /**
     * A signer that asks {@code pins} for the PIN only when it signs, e.g. from a dialog shown after the
     * order was verified.
     *
     * @throws IllegalArgumentException when the certificate is not unlocked by the identification PIN
     */
    public static CardProofSigner withPinSource(CardKeys keys, CardCertificate identification,
            List<X509Certificate> issuers, PinSource pins) {
        return new CardProofSigner(keys, identification, issuers, pins);
    }

    /**
     * The card's identification certificate: unlocked by the identification PIN, Key Usage
     * digitalSignature without nonRepudiation. The first such one in the card's order.
     */
    public static Optional<CardCertificate> identificationCertificate(List<CardCertificate> certificates) {
        return certificates.stream().filter(c -> c.pin() == PinKind.IDENTIFICATION).filter(c -> {
            boolean[] usage = c.x509().getKeyUsage();
            return usage != null && usage[0] && !(usage.length > 1 && usage[1]);
        }).findFirst();
    }

    /**
     * The CA among {@code known} that issued {@code certificate}: its subject is the certificate's issuer and
     * its key verifies the certificate's signature. A card holds no CA certificate, so the chain's issuer
     * comes from the CAs the caller knows.
     */
    public static Optional<X509Certificate> issuerAmong(List<X509Certificate> known, X509Certificate certificate) {
        return known.stream().filter(ca -> issued(ca, certificate)).findFirst();
    }

    private static boolean issued(X509Certificate ca, X509Certificate certificate) {
        if (!ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * What the card answered about the PIN when this signer signed, for callers that show PIN results in
     * more detail than {@link ProofSigningException.Reason} (a PIN of the wrong format, tries left unknown).
     * Empty before {@link #sign} reached the card, and when the card could not be reached.
     */
    public Optional<PinResult> pinResult() {
        return Optional.ofNullable(answer);
    }

    /** The identification certificate, then the issuers given at construction. */
    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /**
     * Verifies the identification PIN and has the card sign {@code signingInput}, once.
     *
     * @throws ProofSigningException WRONG_PIN (with tries left when the card told; also a PIN of the wrong
     *                               format, which costs no try), PIN_BLOCKED, NO_CARD (no reader, no card,
     *                               removed), CANCELLED (from the PIN source), CARD_ERROR (anything else)
     * @throws IllegalStateException when this signer already sent its PIN
     */
    @Override
    public byte[] sign(ProofAlgorithm algorithm, byte[] signingInput) throws ProofSigningException {
        PinSource source;
        synchronized (this) {
            source = pins;
            pins = null;
        }
        if (source == null) {
            throw new IllegalStateException("this signer already sent its PIN; open a new one for another try");
        }
        SignatureScheme scheme = scheme(algorithm);
        char[] pin = source.pin();
        SignatureResult result;
        try {
            result = keys.sign(certificate, scheme, signingInput, pin);
        } catch (CardRemovedException | NoCardException | NoReaderException e) {
            throw new ProofSigningException(Reason.NO_CARD, -1, "no card: " + e.getMessage(), e);
        } catch (SmartcardException e) {
            throw new ProofSigningException(Reason.CARD_ERROR, -1, e.getMessage(), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
        answer = result.pinResult();
        return switch (result.status()) {
            case OK -> scheme.keyAlgorithm() == KeyAlgorithm.EC
                    ? EcdsaSignatures.toConcatenated(result.signature(), algorithm == ProofAlgorithm.ES256 ? 32 : 48)
                    : result.signature();
            case WRONG_PIN -> {
                int left = result.triesLeft().orElse(-1);
                if (left == 0) {
                    throw new ProofSigningException(Reason.PIN_BLOCKED, 0, "identification PIN blocked", null);
                }
                throw new ProofSigningException(Reason.WRONG_PIN, left, "wrong identification PIN", null);
            }
            case INVALID_FORMAT -> throw new ProofSigningException(Reason.WRONG_PIN, -1,
                    "the PIN does not fit the card's format; no try was spent", null);
            case PIN_BLOCKED -> throw new ProofSigningException(Reason.PIN_BLOCKED, 0, "identification PIN blocked", null);
            case CARD_REMOVED -> throw new ProofSigningException(Reason.NO_CARD, "the card was removed");
            default -> throw new ProofSigningException(Reason.CARD_ERROR,
                    "the card cannot sign with " + algorithm + ": " + result.status());
        };
    }

    private static SignatureScheme scheme(ProofAlgorithm algorithm) {
        return switch (algorithm) {
            case RS256 -> SignatureScheme.RSA_PKCS1_SHA256;
            case PS256 -> SignatureScheme.RSA_PSS_SHA256;
            case ES256 -> SignatureScheme.ECDSA_SHA256;
            case ES384 -> SignatureScheme.ECDSA_SHA384;
        };
    }

    @Override
    public String toString() {
        return "CardProofSigner[" + certificate.name() + "]";
    }
}
