package se.legitimera.app.wiring;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.oob.ProofAlgorithm;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.card.CardProofSigner;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.cert.IssuerLocator;

/**
 * {@link HolderCard} over the card monitor: the {@link ActiveCard}'s identification certificate and key, its
 * issuing CA found as for login proofs. Thread-safe; every call reads the card on its reader's thread.
 */
public final class ActiveHolderCard implements HolderCard {

    private final CardMonitor monitor;
    private final ActiveCard active;
    private final IssuerLocator issuers;

    public ActiveHolderCard(CardMonitor monitor, ActiveCard active, IssuerLocator issuers) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.active = Objects.requireNonNull(active, "active");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
    }

    @Override
    public Optional<CardIdentity> identity() throws LoginUnavailableException {
        return card().map(IdentificationCard::identity);
    }

    @Override
    public Optional<Signer> signer(PinLease pin) throws LoginUnavailableException {
        Optional<IdentificationCard> card = card();
        if (card.isEmpty()) {
            return Optional.empty();
        }
        CardCertificate identification = card.get().identification();
        // The signer wipes the copy it is given; the lease wipes the PIN itself.
        CardProofSigner signer = CardProofSigner.withPinSource(card.get().keys(), identification,
                issuers.chainOf(identification.x509()), () -> pin.pin().clone());
        return Optional.of(new Signer() {
            @Override
            public Optional<PinResult> pinResult() {
                return signer.pinResult();
            }

            @Override
            public List<X509Certificate> certificateChain() throws ProofSigningException {
                return signer.certificateChain();
            }

            @Override
            public byte[] sign(ProofAlgorithm algorithm, byte[] signingInput) throws ProofSigningException {
                return signer.sign(algorithm, signingInput);
            }
        });
    }

    private Optional<IdentificationCard> card() throws LoginUnavailableException {
        return IdentificationCard.active(monitor, active);
    }
}
