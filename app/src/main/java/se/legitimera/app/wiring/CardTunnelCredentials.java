package se.legitimera.app.wiring;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.OptionalInt;
import javax.net.ssl.X509KeyManager;
import se.legitimera.app.gateway.CardMissingException;
import se.legitimera.app.gateway.ClientCredentials;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.PinRefusedException;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.smartcard.cert.CertificateUsage;
import se.legitimera.smartcard.cert.SithsCertificateReader;
import se.legitimera.smartcard.pkcs11.Pkcs11Exception;
import se.legitimera.smartcard.tls.CardKeyStore;
import se.legitimera.smartcard.tls.LoginCancelledException;
import se.legitimera.smartcard.tls.TlsBridgeException;
import se.legitimera.smartcard.tls.TokenLoginException;

/**
 * The card's identification certificate through the smartcard module's SunPKCS11 bridge, found anew on
 * every unlock (the card may have been swapped since the last one).
 */
public final class CardTunnelCredentials implements ClientCredentials, AutoCloseable {

    private final List<Path> modules;
    private CardKeyStore current;

    public CardTunnelCredentials(List<Path> modules) {
        this.modules = List.copyOf(modules);
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
        try {
            current = CardKeyStore.builder().withLibrary(library).withSlotId(slot).withCertificate(certificate)
                    .withTokenLabel(label).withPinCallback(tokenLabel -> {
                        try {
                            return prompt.askForPin(request);
                        } catch (PinCancelledException e) {
                            throw new LoginCancelledException();
                        }
                    }).build();
            return current.keyManager();
        } catch (LoginCancelledException e) {
            throw new PinCancelledException("No PIN was given");
        } catch (TokenLoginException e) {
            // SunPKCS11 does not tell the tries left
            throw new PinRefusedException("The card refused the PIN", OptionalInt.empty());
        } catch (TlsBridgeException e) {
            throw new CardMissingException("The card cannot be used for TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
