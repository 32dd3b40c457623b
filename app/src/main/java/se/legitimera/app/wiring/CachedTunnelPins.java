package se.legitimera.app.wiring;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.SmartcardException;

/**
 * The app's PIN cache in front of a tunnel's PIN prompt. The cache binds a PIN to a card in a reader, so
 * that pulling the card wipes it; PKCS#11 names no reader, so the reader is the one whose card, read over
 * PC/SC, holds the same identification certificate. When no reader does, the PIN is asked and not kept.
 */
public final class CachedTunnelPins implements TunnelPins {

    private static final Logger LOG = LoggerFactory.getLogger(CachedTunnelPins.class);

    private final IdentificationPinCache cache;
    private final CardMonitor monitor;

    public CachedTunnelPins(IdentificationPinCache cache, CardMonitor monitor) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public PinLease pinFor(X509Certificate identification, PinPrompt prompt, PinRequest request)
            throws PinCancelledException {
        if (!cache.keeping()) {
            return PROMPT_ONLY.pinFor(identification, prompt, request);
        }
        Optional<String> reader = readerHolding(identification);
        if (reader.isEmpty()) {
            LOG.info("No reader holds the tunnel's card as seen over PC/SC: its PIN is asked and not kept");
            return PROMPT_ONLY.pinFor(identification, prompt, request);
        }
        return cache.pinFor(CardIdentity.of(reader.get(), identification), () -> prompt.askForPin(request));
    }

    private Optional<String> readerHolding(X509Certificate identification) {
        for (ReaderStatus status : monitor.snapshot().readers()) {
            if (status.card().isEmpty()) {
                continue;
            }
            try {
                for (CardCertificate certificate : monitor.keys(status.name()).certificates()) {
                    if (certificate.x509().equals(identification)) {
                        return Optional.of(status.name());
                    }
                }
            } catch (SmartcardException e) {
                LOG.debug("Cannot read the certificates in {}: {}", status.name(), e.getMessage());
            }
        }
        return Optional.empty();
    }
}
