package se.legitimera.app.wiring;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.X509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.gateway.CardMissingException;
import se.legitimera.app.gateway.ClientCredentials;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.PinRefusedException;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.smartcard.cert.CertificateUsage;
import se.legitimera.smartcard.cert.SithsCertificateReader;
import se.legitimera.smartcard.pkcs11.Pkcs11Exception;
import se.legitimera.smartcard.pkcs11.Pkcs11Module;
import se.legitimera.smartcard.pkcs11.Token;
import se.legitimera.smartcard.tls.CardKeyStore;
import se.legitimera.smartcard.tls.LoginCancelledException;
import se.legitimera.smartcard.tls.TlsBridgeException;
import se.legitimera.smartcard.tls.TokenLoginException;

/**
 * The card's identification certificate through the smartcard module's SunPKCS11 bridge, found anew on
 * every unlock (the card may have been swapped since the last one).
 */
public final class CardTunnelCredentials implements ClientCredentials, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CardTunnelCredentials.class);

    private final List<Path> modules;
    private final TunnelPins pins;
    private CardKeyStore current;

    /**
     * @param modules the PKCS#11 modules to look for the card in
     * @param pins    where the PIN comes from: the prompt alone, or the app's PIN cache in front of it
     */
    public CardTunnelCredentials(List<Path> modules, TunnelPins pins) {
        this.modules = List.copyOf(modules);
        this.pins = Objects.requireNonNull(pins, "pins");
    }

    @Override
    public synchronized X509KeyManager unlock(PinPrompt prompt, PinRequest request)
            throws CardMissingException, PinRefusedException, PinCancelledException {
        close();
        Path library;
        long slot;
        String label;
        X509Certificate certificate;
        // Discovery through the JNA binding ends (and finalizes the module) before SunPKCS11 logs in.
        try (LoadedModules loaded = LoadedModules.load(modules)) {
            SithsCertificateReader reader = SithsCertificateReader.builder().build();
            LoadedModules.Found found = null;
            for (LoadedModules.Found candidate : loaded.certificates()) {
                if (reader.read(candidate.certificate().certificate()).usage() == CertificateUsage.IDENTIFICATION) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                throw new CardMissingException("No identification certificate on any token");
            }
            library = found.token().module().library();
            slot = found.token().slot().slotId();
            label = found.token().info().label();
            certificate = found.certificate().certificate();
        } catch (Pkcs11Exception e) {
            throw new CardMissingException("The card cannot be read: " + e.getMessage(), e);
        }
        try (PinLease pin = pins.pinFor(certificate, prompt, request)) {
            // The login in build() takes the leased PIN; should the bridge ever ask again later, the lease is
            // wiped by then, so the user is asked rather than the card handed an empty PIN.
            AtomicReference<PinLease> forThisLogin = new AtomicReference<>(pin);
            try {
                current = CardKeyStore.builder().withLibrary(library).withSlotId(slot).withCertificate(certificate)
                        .withTokenLabel(label).withPinCallback(tokenLabel -> {
                            PinLease leased = forThisLogin.get();
                            if (leased != null) {
                                return leased.pin().clone();
                            }
                            try {
                                return prompt.askForPin(request);
                            } catch (PinCancelledException e) {
                                throw new LoginCancelledException();
                            }
                        }).build();
            } catch (TokenLoginException e) {
                throw refusedOrMissing(e, library, slot, pin);
            } catch (TlsBridgeException e) {
                throw new CardMissingException("The card cannot be used for TLS: " + e.getMessage(), e);
            } finally {
                forThisLogin.set(null);
            }
            pin.accepted();
            return current.keyManager();
        }
    }

    /**
     * Tells a refused PIN from a card that went away: SunPKCS11 reports both as a failed login, with the
     * return code of C_Login at the end of the cause chain. Only a refused PIN may be reported as one: the
     * next prompt then knows not to offer the same PIN again, and a card pulled mid-login costs no try.
     */
    private static CardMissingException refusedOrMissing(TokenLoginException e, Path library, long slot,
            PinLease pin) throws PinRefusedException {
        String code = returnCode(e).orElse("");
        if (code.startsWith("CKR_PIN_")) {
            pin.refused();
        }
        switch (code) {
            case "CKR_PIN_INCORRECT" -> throw new PinRefusedException("The card refused the PIN",
                    triesLeft(library, slot));
            case "CKR_PIN_LOCKED" -> throw new PinRefusedException("The PIN is blocked", OptionalInt.of(0));
            case "CKR_PIN_INVALID", "CKR_PIN_LEN_RANGE" -> throw new PinRefusedException(
                    "The card does not accept a PIN of that form", triesLeft(library, slot));
            default -> {
                return new CardMissingException("The card could not be logged in to"
                        + (code.isEmpty() ? "" : " (" + code + ")"), e);
            }
        }
    }

    /** The first {@code CKR_} name in the cause chain: how SunPKCS11's PKCS11Exception names the code. */
    static Optional<String> returnCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.startsWith("CKR_")) {
                int end = 0;
                while (end < message.length() && (Character.isUpperCase(message.charAt(end))
                        || Character.isDigit(message.charAt(end)) || message.charAt(end) == '_')) {
                    end++;
                }
                return Optional.of(message.substring(0, end));
            }
        }
        return Optional.empty();
    }

    /**
     * The tries left as far as the token's flags tell after a refused PIN: exact only on the final try
     * (1) and when blocked (0); empty otherwise (OpenSC's IDPrime driver never sets COUNT_LOW). SunPKCS11
     * holds the module initialised now, so the JNA binding neither initialises nor finalizes it.
     */
    private static OptionalInt triesLeft(Path library, long slot) {
        try (LoadedModules loaded = LoadedModules.load(List.of(library))) {
            for (Pkcs11Module module : loaded.modules()) {
                for (Token token : module.tokens()) {
                    if (token.slot().slotId() == slot) {
                        return token.info().userPinCounter().triesLeft();
                    }
                }
            }
        } catch (Pkcs11Exception | RuntimeException e) {
            LOG.debug("cannot read the PIN counter after a refused PIN: {}", e.getMessage());
        }
        return OptionalInt.empty();
    }

    /**
     * Logs out of the card and uninstalls the SunPKCS11 provider. Never throws: a card that was pulled or
     * swapped makes SunPKCS11's logout fail with a ProviderException, and a failed logout must not keep
     * the next {@link #unlock} (which closes the previous login first) from logging in to the new card.
     */
    @Override
    public synchronized void close() {
        CardKeyStore previous = current;
        current = null;
        if (previous != null) {
            try {
                previous.close();
            } catch (RuntimeException e) {
                LOG.debug("logging out of the previous card failed (card removed?): {}", e.toString());
            }
        }
    }
}
