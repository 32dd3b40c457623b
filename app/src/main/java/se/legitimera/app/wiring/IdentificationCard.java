package se.legitimera.app.wiring;

import java.util.Optional;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.oob.card.CardProofSigner;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.SmartcardException;

/**
 * The active card as a login signs with it: its keys, its identification certificate and who it names. The
 * one place that picks that certificate for a link's login and for waiting for logins.
 */
record IdentificationCard(CardKeys keys, CardCertificate identification, CardIdentity identity) {

    /**
     * The active card's; empty without a card.
     *
     * @throws LoginUnavailableException when its certificates cannot be read or it has no identification one
     */
    static Optional<IdentificationCard> active(CardMonitor monitor, ActiveCard active) throws LoginUnavailableException {
        CardStatus status = active.status().orElse(null);
        if (status == null) {
            return Optional.empty();
        }
        CardKeys keys = monitor.keys(status.reader());
        CardCertificate identification;
        try {
            identification = CardProofSigner.identificationCertificate(keys.certificates()).orElse(null);
        } catch (SmartcardException e) {
            throw new LoginUnavailableException(PinOutcomes.of(e));
        }
        if (identification == null) {
            throw new LoginUnavailableException(new Outcome.NotSupported());
        }
        return Optional.of(new IdentificationCard(keys, identification,
                CardIdentity.of(status.reader(), identification.x509())));
    }
}
