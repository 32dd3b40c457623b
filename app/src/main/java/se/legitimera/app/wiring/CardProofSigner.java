package se.legitimera.app.wiring;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.oob.ProofAlgorithm;
import se.legitimera.oob.ProofSigner;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.SignatureResult;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.pkcs11.SignatureScheme;

/**
 * The OOB client's {@link ProofSigner} over the active card's identification key, by APDU: the PIN is
 * verified and the proof signed in one exclusive card operation. Used for one approval; keeps a copy of
 * the PIN until {@link #wipe()}, and remembers why it failed as an {@link Outcome} (a card removed is not
 * a missing card, which the client's reasons cannot tell apart).
 */
final class CardProofSigner implements ProofSigner {

    private final CardKeys keys;
    private final List<X509Certificate> knownIssuers;
    private final char[] pin;
    private Outcome failure = new Outcome.Failed("not signed");

    /**
     * @param knownIssuers issuing CA certificates the app knows; a card holds only its own certificates,
     *                     and the protocol's chain is the identification certificate then its issuing CA
     */
    CardProofSigner(CardKeys keys, List<X509Certificate> knownIssuers, char[] pin) {
        this.keys = keys;
        this.knownIssuers = List.copyOf(knownIssuers);
        this.pin = pin.clone();
    }

    @Override
    public List<X509Certificate> certificateChain() throws ProofSigningException {
        X509Certificate leaf = identification().x509();
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        knownIssuers.stream().filter(ca -> issued(ca, leaf)).findFirst().ifPresent(chain::add);
        return List.copyOf(chain);
    }

    private static boolean issued(X509Certificate ca, X509Certificate leaf) {
        if (!ca.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return false;
        }
        try {
            leaf.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public byte[] sign(ProofAlgorithm algorithm, byte[] signingInput) throws ProofSigningException {
        SignatureScheme scheme = switch (algorithm) {
            case RS256 -> SignatureScheme.RSA_PKCS1_SHA256;
            case PS256 -> SignatureScheme.RSA_PSS_SHA256;
            // SITHS cards hold RSA keys; an EC proof would need DER -> R||S, which no card here needs.
            case ES256, ES384 -> throw fail(new Outcome.NotSupported(), ProofSigningException.Reason.CARD_ERROR);
        };
        SignatureResult result;
        try {
            result = keys.sign(identification(), scheme, signingInput, pin);
        } catch (SmartcardException e) {
            throw fail(PinOutcomes.of(e), reasonOf(PinOutcomes.of(e)));
        }
        if (result.ok()) {
            return result.signature();
        }
        Outcome outcome = PinOutcomes.of(result.pinResult());
        ProofSigningException failed = fail(outcome, reasonOf(outcome));
        throw outcome instanceof Outcome.WrongCode(Outcome.Code code, int left)
                ? new ProofSigningException(ProofSigningException.Reason.WRONG_PIN, left, "wrong PIN", null) : failed;
    }

    /** Why signing failed, as the login dialog shows it. */
    Outcome failure() {
        return failure;
    }

    void wipe() {
        Arrays.fill(pin, '\0');
    }

    private CardCertificate identification() throws ProofSigningException {
        try {
            return keys.certificates().stream().filter(c -> c.pin() == PinKind.IDENTIFICATION)
                    .filter(c -> c.x509().getKeyUsage() == null || !c.x509().getKeyUsage()[1])
                    .findFirst()
                    .orElseThrow(() -> fail(new Outcome.NotSupported(), ProofSigningException.Reason.CARD_ERROR));
        } catch (SmartcardException e) {
            throw fail(PinOutcomes.of(e), reasonOf(PinOutcomes.of(e)));
        }
    }

    private ProofSigningException fail(Outcome outcome, ProofSigningException.Reason reason) {
        failure = outcome;
        return new ProofSigningException(reason, outcome.getClass().getSimpleName());
    }

    private static ProofSigningException.Reason reasonOf(Outcome outcome) {
        return switch (outcome) {
            case Outcome.WrongCode w -> ProofSigningException.Reason.WRONG_PIN;
            case Outcome.CodeBlocked b -> ProofSigningException.Reason.PIN_BLOCKED;
            case Outcome.NoCard n -> ProofSigningException.Reason.NO_CARD;
            case Outcome.CardRemoved r -> ProofSigningException.Reason.NO_CARD;
            default -> ProofSigningException.Reason.CARD_ERROR;
        };
    }
}
