package se.legitimera.app.wiring;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509KeyManager;
import se.legitimera.app.gateway.CardMissingException;
import se.legitimera.app.gateway.ClientCredentials;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.PinRefusedException;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.app.gateway.Tunnel;
import se.legitimera.app.gateway.TunnelBuilder;
import se.legitimera.app.gateway.TunnelMode;

/**
 * Opens the tunnels of the settings with the card: one card login shared by all of them (as a card
 * minidriver has it: the PIN is asked once per card insertion, not once per tunnel, and stopping one tunnel
 * does not log the others out), the settings' trust files besides the system's trust, and the app's PIN
 * prompt. Thread-safe.
 */
public final class CardTunnelOpener implements SettingsTunnels.Opener {

    private final PinPrompt pinPrompt;
    private final SharedLogin login;

    /**
     * @param pkcs11Modules the settings' {@code pkcs11.module}, or the platform's usual modules
     * @param pins          the app's PIN cache in front of the prompt, shared by all tunnels and logins
     * @param pinPrompt     asks the user for the PIN when a connection first needs the card
     */
    public CardTunnelOpener(List<Path> pkcs11Modules, TunnelPins pins, PinPrompt pinPrompt) {
        this.pinPrompt = Objects.requireNonNull(pinPrompt, "pinPrompt");
        this.login = new SharedLogin(new CardTunnelCredentials(pkcs11Modules, pins));
    }

    @Override
    public Tunnel open(se.legitimera.app.settings.Tunnel definition, Runnable cardUnlocked) throws IOException {
        List<X509Certificate> trusted = new ArrayList<>();
        for (Path pem : definition.trust()) {
            try {
                trusted.addAll(TunnelBuilder.readCertificates(pem));
            } catch (IOException e) {
                throw new TrustFileException("cannot read the trust file " + pem + ": " + e.getMessage(), e);
            }
        }
        ClientCredentials noticed = (prompt, request) -> {
            X509KeyManager keys = login.unlock(prompt, request);
            cardUnlocked.run();
            return keys;
        };
        return Tunnel.builder().withName(definition.name()).withLocalPort(definition.localPort())
                .withUpstream(definition.upstream()).withMode(TunnelMode.valueOf(definition.mode().name()))
                .withTrustedCertificates(trusted).withCredentials(noticed).withPinPrompt(pinPrompt).open();
    }

    @Override
    public void cardRemoved() {
        login.logout();
    }

    @Override
    public void close() {
        login.logout();
    }

    /**
     * The card login of all tunnels: the first tunnel that needs the card logs in, the others take the same
     * key manager until the card is removed. PKCS#11 keeps one login state per token and process anyway: a
     * second login would not even check its PIN, and one tunnel's logout would end the others'.
     */
    static final class SharedLogin implements ClientCredentials {

        private final CardTunnelCredentials card;
        private X509KeyManager loggedIn;

        SharedLogin(CardTunnelCredentials card) {
            this.card = card;
        }

        /** Blocks while another tunnel logs in (and its user types the PIN), then shares that login. */
        @Override
        public synchronized X509KeyManager unlock(PinPrompt prompt, PinRequest request)
                throws CardMissingException, PinRefusedException, PinCancelledException {
            if (loggedIn == null) {
                loggedIn = card.unlock(prompt, request);
            }
            return loggedIn;
        }

        /**
         * Ends the login. Does not wait for a login in progress (its user may still be at the PIN dialog):
         * that one ends at the next logout.
         */
        void logout() {
            Thread.ofVirtual().name("tunnels-logout").start(() -> {
                synchronized (this) {
                    loggedIn = null;
                    card.close();
                }
            });
        }
    }
}
