package se.legitimera.app.wiring;

import java.util.List;
import java.util.Optional;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.login.LoginDetails;
import se.legitimera.app.ui.login.LoginOrder;
import se.legitimera.app.ui.login.LoginOrders;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.CancelReason;
import se.legitimera.oob.InvalidAutoStartLinkException;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobException;
import se.legitimera.oob.OrderCancelledException;
import se.legitimera.oob.HintCode;
import se.legitimera.oob.OrderExpiredException;
import se.legitimera.oob.ProofRejectedException;
import se.legitimera.oob.OrderNotFoundException;
import se.legitimera.oob.OrderSignatureInvalidException;
import se.legitimera.oob.OriginNotAllowedException;
import se.legitimera.oob.Order;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.ServiceCertificateUntrustedException;
import se.legitimera.oob.ServiceUnavailableException;
import se.legitimera.oob.TlsInterceptionDetectedException;
import se.legitimera.oob.card.CardProofSigner;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.cert.IssuerLocator;

/**
 * The login dialog's {@link LoginOrders} over the OOB client: a {@code legitimera://} link becomes a verified
 * order; approving signs the proof with the active card's identification key (PIN verify and signature in
 * one card operation) and posts it once. Blocking; called on the UI worker.
 */
public final class OobLoginOrders implements LoginOrders {

    private static final Logger LOG = LoggerFactory.getLogger(OobLoginOrders.class);

    private final OobClient client;
    private final CardMonitor monitor;
    private final ActiveCard active;
    private final IssuerLocator issuers;

    /**
     * @param issuers finds the issuing CA sent after the card's identification certificate (a card holds
     *                no CA certificate); the proof goes without it when none is found
     */
    public OobLoginOrders(OobClient client, CardMonitor monitor, ActiveCard active, IssuerLocator issuers) {
        this.client = Objects.requireNonNull(client, "client");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.active = Objects.requireNonNull(active, "active");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
    }

    @Override
    public LoginOrder fetch(String link) throws LoginUnavailableException {
        try {
            Order order = client.fetchOrder(AutoStartLink.parse(link));
            LOG.info("Fetched {}", order);
            return new Fetched(order);
        } catch (OobException e) {
            LOG.warn("Login link refused: {}", e.getClass().getSimpleName());
            throw new LoginUnavailableException(outcome(e));
        }
    }

    /** The one table from the OOB client's failures to what the login dialog says. */
    static Outcome outcome(OobException failure) {
        return switch (failure) {
            case OriginNotAllowedException e -> new Outcome.ServiceUntrusted();
            case TlsInterceptionDetectedException e -> new Outcome.ServiceUntrusted();
            case ServiceCertificateUntrustedException e -> new Outcome.ServiceUntrusted();
            case OrderSignatureInvalidException e -> new Outcome.ServiceUntrusted();
            case ServiceUnavailableException e -> new Outcome.ServiceUnavailable();
            case ProofRejectedException e when e.hintCode().equals(Optional.of(HintCode.CERTIFICATE_ERR)) -> new Outcome.CertificateRefused();
            case OrderExpiredException e -> new Outcome.OrderExpired();
            case OrderNotFoundException e -> new Outcome.OrderExpired();
            case OrderCancelledException e -> new Outcome.OrderCancelled();
            case InvalidAutoStartLinkException e -> new Outcome.Failed("not a Legitimera login link");
            default -> new Outcome.Failed(failure.getClass().getSimpleName()
                    + failure.hintCode().map(h -> " " + h).orElse(""));
        };
    }

    /**
     * Why signing failed, as the login dialog shows it: from the card's own answer when it gave one (a card
     * removed is not a missing card, which the signer's reasons cannot tell apart).
     */
    private static Outcome outcome(ProofSigningException failure, CardProofSigner signer) {
        if (failure.getCause() instanceof SmartcardException e) {
            return PinOutcomes.of(e);
        }
        return signer.pinResult().filter(r -> !r.ok()).map(PinOutcomes::of)
                .orElseGet(() -> new Outcome.Failed("not signed: " + failure.reason()));
    }

    private final class Fetched implements LoginOrder {
        private final Order order;

        Fetched(Order order) {
            this.order = order;
        }

        @Override
        public LoginDetails details() {
            return new LoginDetails(order.rpName(), order.rpOrigin(), order.service().toString(), order.message(),
                    order.expiresAt());
        }

        @Override
        public Outcome approve(char[] pin) {
            CardStatus card = active.status().orElse(null);
            if (card == null) {
                return new Outcome.NoCard();
            }
            CardKeys keys = monitor.keys(card.reader());
            CardCertificate identification;
            try {
                identification = CardProofSigner.identificationCertificate(keys.certificates()).orElse(null);
            } catch (SmartcardException e) {
                return PinOutcomes.of(e);
            }
            if (identification == null) {
                return new Outcome.NotSupported();
            }
            // The signer wipes the copy it is given; the caller wipes pin.
            CardProofSigner signer = CardProofSigner.withPinSource(keys, identification,
                    issuers.issuerOf(identification.x509()).stream().toList(), pin::clone);
            try {
                client.complete(order, signer);
                return new Outcome.Done();
            } catch (ProofSigningException e) {
                if (e.reason() == ProofSigningException.Reason.PIN_BLOCKED) {
                    // No PIN can complete this order any more: tell the relying party why at once.
                    giveUp(CancelReason.PIN_BLOCKED);
                }
                return outcome(e, signer);
            } catch (OobException e) {
                return outcome(e);
            }
        }

        @Override
        public void cancel() {
            giveUp(CancelReason.USER_CANCEL);
        }

        private void giveUp(CancelReason reason) {
            try {
                client.cancel(order, reason);
            } catch (OobException e) {
                LOG.warn("Cancelling {} ({}) failed: {}", order, reason, e.getClass().getSimpleName());
            }
        }
    }
}
