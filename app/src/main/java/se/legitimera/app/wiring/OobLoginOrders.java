package se.legitimera.app.wiring;

import java.time.Instant;
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
import se.legitimera.oob.ProtocolViolationException;
import se.legitimera.oob.ServiceCertificateUntrustedException;
import se.legitimera.oob.ServiceUnavailableException;
import se.legitimera.oob.TlsInterceptionDetectedException;
import se.legitimera.oob.card.CardProofSigner;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.cert.IssuerLocator;

/**
 * The login dialog's {@link LoginOrders} over the OOB client: a {@code legitimera://} link becomes a verified
 * order; approving signs the proof with the active card's identification key (PIN verify and signature in
 * one card operation) and posts it once. A PIN the card accepted is kept in the {@link IdentificationPinCache}
 * (when keeping is on), and a kept one can approve the next order. Blocking; called on the UI worker.
 */
public final class OobLoginOrders implements LoginOrders {

    private static final Logger LOG = LoggerFactory.getLogger(OobLoginOrders.class);

    private final OobClient client;
    private final CardMonitor monitor;
    private final ActiveCard active;
    private final IssuerLocator issuers;
    private final IdentificationPinCache pins;

    /**
     * @param issuers finds the issuing CA sent after the card's identification certificate (a card holds
     *                no CA certificate); the proof goes without it when none is found
     * @param pins    where accepted identification PINs are kept, for as long as it keeps them
     */
    public OobLoginOrders(OobClient client, CardMonitor monitor, ActiveCard active, IssuerLocator issuers,
                          IdentificationPinCache pins) {
        this.client = Objects.requireNonNull(client, "client");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.active = Objects.requireNonNull(active, "active");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
        this.pins = Objects.requireNonNull(pins, "pins");
    }

    @Override
    public LoginOrder fetch(String link) throws LoginUnavailableException {
        AutoStartLink parsed = parse(link);
        try {
            Order order = client.fetchOrder(parsed);
            LOG.info("Fetched {}", order);
            return new Fetched(order);
        } catch (OobException e) {
            LOG.warn("Login link refused: {}", e.getClass().getSimpleName());
            throw new LoginUnavailableException(outcome(e, parsed.service().toString()));
        }
    }

    /**
     * Logins for an installation that allows no service at all: every link is refused with the service's
     * name, so that the user can tell IT what to allow (it once said that the card could not do it).
     */
    public static LoginOrders noServiceAllowed() {
        return link -> {
            AutoStartLink parsed = parse(link);
            LOG.warn("Login link refused: no authentication service is allowed on this computer");
            throw new LoginUnavailableException(new Outcome.ServiceNotAllowed(parsed.service().toString()));
        };
    }

    private static AutoStartLink parse(String link) throws LoginUnavailableException {
        try {
            return AutoStartLink.parse(link);
        } catch (InvalidAutoStartLinkException e) {
            LOG.warn("Login link refused: not a valid legitimera://auth link");
            throw new LoginUnavailableException(new Outcome.LinkInvalid());
        }
    }

    /** The one table from the OOB client's failures to what the login dialog says about {@code service}. */
    static Outcome outcome(OobException failure, String service) {
        return switch (failure) {
            case OriginNotAllowedException e -> new Outcome.ServiceNotAllowed(service);
            case TlsInterceptionDetectedException e -> new Outcome.ConnectionIntercepted(service);
            case ServiceCertificateUntrustedException e -> new Outcome.ServiceUntrusted();
            case OrderSignatureInvalidException e -> new Outcome.ServiceUntrusted();
            case ServiceUnavailableException e -> new Outcome.ServiceUnavailable();
            case ProofRejectedException e when e.hintCode().equals(Optional.of(HintCode.CERTIFICATE_ERR)) ->
                    new Outcome.CertificateRefused(e.serviceDetails());
            case ProofRejectedException e -> new Outcome.ProofRefused(e.serviceDetails());
            case OrderExpiredException e -> new Outcome.OrderExpired();
            case OrderNotFoundException e -> new Outcome.OrderUnknown();
            case OrderCancelledException e -> new Outcome.OrderCancelled();
            case InvalidAutoStartLinkException e -> new Outcome.LinkInvalid();
            case ProtocolViolationException e -> new Outcome.Failed("the login service broke the protocol: "
                    + failure.getClass().getSimpleName() + failure.hintCode().map(h -> " " + h.code()).orElse(""));
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
            IdentificationCard signing;
            try {
                signing = signingCard().orElse(null);
            } catch (LoginUnavailableException e) {
                return e.reason();
            }
            if (signing == null) {
                return new Outcome.NoCard();
            }
            try (IdentificationPinCache.PinUse use = pins.typed(signing.identity(), pin)) {
                return sign(signing, use);
            }
        }

        @Override
        public Optional<Instant> pinSavedUntil() {
            try {
                return signingCard().flatMap(signing -> pins.savedUntil(signing.identity()));
            } catch (LoginUnavailableException e) {
                return Optional.empty();
            }
        }

        @Override
        public Optional<Outcome> approveWithSavedPin() {
            IdentificationCard signing;
            try {
                signing = signingCard().orElse(null);
            } catch (LoginUnavailableException e) {
                return Optional.of(e.reason());
            }
            if (signing == null) {
                return Optional.of(new Outcome.NoCard());
            }
            Optional<IdentificationPinCache.PinUse> kept = pins.saved(signing.identity());
            if (kept.isEmpty()) {
                return Optional.empty();
            }
            try (IdentificationPinCache.PinUse use = kept.get()) {
                LOG.info("Approving {} with the kept identification PIN", order);
                return Optional.of(sign(signing, use));
            }
        }

        @Override
        public void forgetSavedPin() {
            pins.forget();
        }

        /** The active card and its identification certificate; empty without a card. */
        private Optional<IdentificationCard> signingCard() throws LoginUnavailableException {
            return IdentificationCard.active(monitor, active);
        }

        private Outcome sign(IdentificationCard signing, IdentificationPinCache.PinUse use) {
            // The signer wipes the copy it is given; closing the use wipes the PIN itself.
            CardProofSigner signer = CardProofSigner.withPinSource(signing.keys(), signing.identification(),
                    issuers.chainOf(signing.identification().x509()),
                    () -> use.pin().clone());
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
                return outcome(e, order.service().toString());
            } finally {
                // Only the card's own word counts: a PIN the service never let reach the card is not kept.
                signer.pinResult().ifPresent(result -> {
                    if (result.ok()) {
                        use.accepted();
                    } else {
                        use.refused();
                    }
                });
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
