package se.legitimera.app.wiring;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509KeyManager;
import se.legitimera.app.gateway.ClientCredentials;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.Tunnel;
import se.legitimera.app.gateway.TunnelBuilder;
import se.legitimera.app.gateway.TunnelMode;
import se.legitimera.app.gateway.TunnelStatistics;

/**
 * Opens a tunnel of the settings with the card: its own {@link CardTunnelCredentials} (a tunnel's card
 * session is closed with the tunnel), the settings' trust files besides the system's trust, and the app's
 * PIN prompt. Thread-safe.
 */
public final class CardTunnelOpener implements SettingsTunnels.Opener {

    private final List<Path> pkcs11Modules;
    private final TunnelPins pins;
    private final PinPrompt pinPrompt;

    /**
     * @param pkcs11Modules the settings' {@code pkcs11.module}, or the platform's usual modules
     * @param pins          the app's PIN cache in front of the prompt, shared by all tunnels and logins
     * @param pinPrompt     asks the user for the PIN when a connection first needs the card
     */
    public CardTunnelOpener(List<Path> pkcs11Modules, TunnelPins pins, PinPrompt pinPrompt) {
        this.pkcs11Modules = List.copyOf(pkcs11Modules);
        this.pins = Objects.requireNonNull(pins, "pins");
        this.pinPrompt = Objects.requireNonNull(pinPrompt, "pinPrompt");
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
        CardTunnelCredentials card = new CardTunnelCredentials(pkcs11Modules, pins);
        ClientCredentials noticed = (prompt, request) -> {
            X509KeyManager keys = card.unlock(prompt, request);
            cardUnlocked.run();
            return keys;
        };
        try {
            Tunnel tunnel = Tunnel.builder().withName(definition.name()).withLocalPort(definition.localPort())
                    .withUpstream(definition.upstream()).withMode(TunnelMode.valueOf(definition.mode().name()))
                    .withTrustedCertificates(trusted).withCredentials(noticed).withPinPrompt(pinPrompt).open();
            return new WithCard(tunnel, card);
        } catch (IOException | RuntimeException e) {
            card.close();
            throw e;
        }
    }

    /** The gateway's tunnel, which ends the card session when it closes. */
    private record WithCard(Tunnel tunnel, CardTunnelCredentials card) implements Tunnel {

        @Override
        public String name() {
            return tunnel.name();
        }

        @Override
        public int localPort() {
            return tunnel.localPort();
        }

        @Override
        public URI upstream() {
            return tunnel.upstream();
        }

        @Override
        public TunnelMode mode() {
            return tunnel.mode();
        }

        @Override
        public void cardRemoved() {
            tunnel.cardRemoved();
        }

        @Override
        public TunnelStatistics statistics() {
            return tunnel.statistics();
        }

        @Override
        public void close() {
            tunnel.close();
            // A connection may still wait in unlock for the user's PIN, holding the card's lock: end the
            // session once it is done rather than block whoever stops the tunnel.
            Thread.ofVirtual().name("tunnel-" + tunnel.name() + "-logout").start(card::close);
        }
    }
}
