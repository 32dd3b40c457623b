package se.legitimera.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.app.wiring.CachedTunnelPins;
import se.legitimera.app.wiring.CardIdentity;
import se.legitimera.app.wiring.CardTunnelCredentials;
import se.legitimera.app.wiring.CardTunnelOpener;
import se.legitimera.app.wiring.IdentificationPinCache;
import se.legitimera.app.wiring.TunnelPins;
import se.legitimera.devkit.card.ApduEvent;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.stack.OpenScFixture;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.vpcd.VpcdCardConnection;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.pcsc.TerminalSource;
import se.legitimera.smartcard.pkcs11.Pkcs11Module;

/**
 * The gateway on the production path of a Linux desktop: CardTunnelCredentials -> opensc-pkcs11 (JNA
 * discovery, SunPKCS11 login and signing) -> pcscd -> vpcd -> the virtual SITHS card, against a TLS
 * service on 127.0.0.1 that requires a client certificate from the devkit test CA. Every command the card
 * answers is recorded, so the tests count PIN verifications and signatures on the card itself.
 * Skipped without pcscd, vpcd and OpenSC (fails in CI).
 */
@Timeout(60)
class GatewayCardIT {

    private static final int READER = 1;
    private static final char[] PIN = "246810".toCharArray();
    private static final char[] WRONG_PIN = "999999".toCharArray();

    @TempDir
    static Path folder;
    private static OpenScFixture openSc;
    private static PcscdFixture pcscd;
    private static se.legitimera.devkit.pki.TestPki pki;
    private static TestPki.Issued serverCa;
    private static TestPki.Issued server;

    private VirtualSithsCard card;
    private VpcdCardConnection connection;
    private final List<ApduEvent> answered = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void stack() throws Exception {
        openSc = OpenScFixture.configure(folder.resolve("opensc"));
        pcscd = PcscdFixture.acquire();
        pki = se.legitimera.devkit.pki.TestPki.openOrCreate(folder.resolve("pki"), Clock.systemUTC());
        serverCa = TestPki.rootCa("Test Server CA");
        server = TestPki.server(serverCa, "localhost");
    }

    @AfterAll
    static void releaseStack() {
        if (pcscd != null) {
            pcscd.close();
        }
        if (openSc != null) {
            openSc.close();
        }
    }

    @BeforeEach
    void freshCard() {
        card = VirtualSithsCard.builder().withPki(pki)
                .withInitialSecrets(PIN, "135791".toCharArray(), "86420975".toCharArray()).createFresh();
        card.addListener(answered::add);
    }

    @AfterEach
    void closeAll() throws Exception {
        http.close();
        try {
            for (AutoCloseable closeable : closeables.reversed()) {
                closeable.close();
            }
        } finally {
            if (connection != null) {
                connection.close();
                PcscdFixture.awaitReaderEmpty(READER);
                awaitOpenScSees(false);
            }
        }
    }

    /**
     * Waits until OpenSC in this JVM lists the card in our reader, or no longer does. OpenSC learns of a
     * change only when asked; a card swapped before it noticed is taken for the old one (a stale handle),
     * and one asked for right after insertion may not be listed yet. In the app, the card monitor's events
     * come first in the same way; here a listing stands in for them.
     */
    private static void awaitOpenScSees(boolean present) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Pkcs11Module module = Pkcs11Module.builder().withLibrary(OpenScFixture.MODULE).build()) {
            while (module.tokens().stream().anyMatch(t -> t.slot().description()
                    .contains(PcscdFixture.readerName(READER))) != present) {
                assertThat(System.nanoTime()).as("OpenSC still %s the card", present ? "misses" : "lists")
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Test
    void whenRequestsShareOneConnection_thenTheServiceSeesTheCardsIdentificationCertificateAndTheCardSignsOnce()
            throws Exception {
        insert();
        TestUpstream upstream = upstream();
        ScriptedPinPrompt prompt = new ScriptedPinPrompt(PIN);
        Tunnel tunnel = tunnel(upstream, TunnelMode.HTTP, prompt);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = get(tunnel, "/whoami");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("hsaId=" + card.holder().hsaId() + ";");
        }

        assertThat(upstream.peerCertificates()).containsExactly(card.authenticationCertificate());
        assertThat(upstream.hsaIds()).containsExactly(VirtualSithsCard.DEFAULT_HOLDER.hsaId());
        TunnelStatistics statistics = tunnel.statistics();
        assertThat(statistics.requests()).isEqualTo(5);
        assertThat(statistics.upstreamConnections()).isEqualTo(1);
        assertThat(statistics.privateKeyUses()).isEqualTo(1);
        assertThat(cardSignatures()).as("signatures on the card: %s", answered).isEqualTo(1);
        assertThat(pinVerifications()).isEqualTo(1);
        assertThat(prompt.requests()).hasSize(1);
    }

    @Test
    void whenTheServiceClosesEveryConnection_thenLaterConnectionsResumeTheSessionWithoutTheCard() throws Exception {
        insert();
        TestUpstream upstream = upstream();
        Tunnel tunnel = tunnel(upstream, TunnelMode.HTTP, new ScriptedPinPrompt(PIN));

        for (int i = 0; i < 4; i++) {
            assertThat(get(tunnel, "/close").body()).startsWith("hsaId=" + card.holder().hsaId() + ";");
        }

        assertThat(upstream.connections()).isEqualTo(4);
        assertThat(upstream.peerCertificates()).hasSize(4).containsOnly(card.authenticationCertificate());
        assertThat(tunnel.statistics().privateKeyUses()).isEqualTo(1);
        assertThat(cardSignatures()).isEqualTo(1);
    }

    @Test
    void whenWrappingRawTls_thenTheEchoServiceSeesTheCardAndTheSessionIsResumed() throws Exception {
        insert();
        TestUpstream upstream = TestUpstream.echo(server, pki.issuingCertificate());
        closeables.add(upstream);
        Tunnel tunnel = tunnel(upstream, TunnelMode.TLS, new ScriptedPinPrompt(PIN));

        for (String line : List.of("Jag legitimerar mig\n", "igen\n")) {
            assertThat(echo(tunnel, line)).isEqualTo(line);
        }

        assertThat(upstream.peerCertificates()).hasSize(2).containsOnly(card.authenticationCertificate());
        assertThat(upstream.hsaIds()).containsOnly(card.holder().hsaId());
        assertThat(cardSignatures()).isEqualTo(1);
        assertThat(pinVerifications()).isEqualTo(1);
    }

    @Test
    void whenNoCardIsInTheReader_thenTheBrowserIsToldToInsertItAndARawClientIsClosed() throws Exception {
        PcscdFixture.awaitReaderEmpty(READER);
        TestUpstream upstream = upstream();
        ScriptedPinPrompt prompt = new ScriptedPinPrompt(PIN);
        Tunnel tunnel = tunnel(upstream, TunnelMode.HTTP, prompt);

        assertFailure(get(tunnel, "/whoami"), TunnelFailure.CARD_MISSING);

        TestUpstream echo = TestUpstream.echo(server, pki.issuingCertificate());
        closeables.add(echo);
        Tunnel raw = tunnel(echo, TunnelMode.TLS, prompt);
        assertThat(echo(raw, "hej\n")).isEmpty();
        assertThat(prompt.requests()).isEmpty();
        assertThat(upstream.connections() + echo.connections()).isZero();
    }

    @Test
    void whenThePinIsWrong_thenOneTryIsUsedNothingIsRetriedAndTheRightPinThenWorks() throws Exception {
        insert();
        TestUpstream upstream = upstream();
        ScriptedPinPrompt prompt = new ScriptedPinPrompt(WRONG_PIN, PIN);
        Tunnel tunnel = tunnel(upstream, TunnelMode.HTTP, prompt);

        assertFailure(get(tunnel, "/whoami"), TunnelFailure.PIN_REFUSED);

        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(2);
        assertThat(pinVerifications()).as("VERIFY with a PIN: %s", answered).isEqualTo(1);
        assertThat(prompt.requests()).hasSize(1);
        assertThat(cardSignatures()).isZero();
        assertThat(upstream.connections()).isZero();

        assertThat(get(tunnel, "/whoami").statusCode()).isEqualTo(200);

        PinRequest second = prompt.requests().get(1);
        assertThat(second.previousAttemptRefused()).isTrue();
        // OpenSC's IDPrime driver does not know the maximum tries: with 2 of 3 left the token flags say nothing
        assertThat(second.triesLeft()).isEmpty();
        assertThat(pinVerifications()).isEqualTo(2);
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
        assertThat(upstream.peerCertificates()).containsExactly(card.authenticationCertificate());
    }

    @Test
    void whenTwoPinsAreWrong_thenThePromptIsToldThatOneTryIsLeft() throws Exception {
        insert();
        TestUpstream upstream = upstream();
        ScriptedPinPrompt prompt = new ScriptedPinPrompt(WRONG_PIN, WRONG_PIN, PIN);
        Tunnel tunnel = tunnel(upstream, TunnelMode.HTTP, prompt);

        assertFailure(get(tunnel, "/whoami"), TunnelFailure.PIN_REFUSED);
        assertFailure(get(tunnel, "/whoami"), TunnelFailure.PIN_REFUSED);
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(1);
        assertThat(get(tunnel, "/whoami").statusCode()).isEqualTo(200);

        assertThat(prompt.requests()).extracting(PinRequest::previousAttemptRefused).containsExactly(false, true, true);
        assertThat(prompt.requests().get(2).triesLeft()).hasValue(1);
        assertThat(pinVerifications()).isEqualTo(3);
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @Test
    void whenTheCardIsRemovedAfterASession_thenUpstreamConnectionsCloseAndThePinIsAskedAgain() throws Exception {
        insert();
        TestUpstream upstream = upstream();
        ScriptedPinPrompt prompt = new ScriptedPinPrompt(PIN, PIN);
        Tunnel tunnel = tunnel(upstream, TunnelMode.HTTP, prompt);
        assertThat(get(tunnel, "/whoami").statusCode()).isEqualTo(200);
        assertThat(upstream.openConnections()).isEqualTo(1);

        connection.close();
        PcscdFixture.awaitReaderEmpty(READER);
        awaitOpenScSees(false);
        tunnel.cardRemoved();

        awaitNoOpenConnection(upstream);
        assertFailure(get(tunnel, "/whoami"), TunnelFailure.CARD_MISSING);
        assertThat(prompt.requests()).hasSize(1);

        insert();
        assertThat(get(tunnel, "/whoami").statusCode()).isEqualTo(200);

        assertThat(prompt.requests()).hasSize(2);
        assertThat(prompt.requests().get(1).previousAttemptRefused()).isFalse();
        assertThat(pinVerifications()).isEqualTo(2);
        assertThat(cardSignatures()).isEqualTo(2);
        assertThat(tunnel.statistics().privateKeyUses()).isEqualTo(2);
        assertThat(upstream.peerCertificates()).hasSize(2).containsOnly(card.authenticationCertificate());
    }

    @Test
    void whenTheAppsTunnelsShareOneCardLogin_thenThePinIsAskedAndCheckedOnceForAll() throws Exception {
        insert();
        TestUpstream upstream = upstream();
        ScriptedPinPrompt prompt = new ScriptedPinPrompt(PIN);
        CardTunnelOpener opener = new CardTunnelOpener(List.of(OpenScFixture.MODULE), TunnelPins.PROMPT_ONLY, prompt);
        closeables.add(opener);
        Tunnel journal = opener.open(definition("journal", upstream), () -> { });
        closeables.add(journal);
        Tunnel lab = opener.open(definition("lab", upstream), () -> { });
        closeables.add(lab);

        assertThat(get(journal, "/whoami").statusCode()).isEqualTo(200);
        assertThat(get(lab, "/whoami").statusCode()).isEqualTo(200);
        lab.close(); // stopping one tunnel leaves the others logged in
        assertThat(get(journal, "/whoami").statusCode()).isEqualTo(200);

        assertThat(prompt.requests()).hasSize(1);
        assertThat(pinVerifications()).isEqualTo(1);
        assertThat(upstream.peerCertificates()).containsOnly(card.authenticationCertificate());
    }

    @Test
    void whenTheAppKeepsThePin_thenTheNextTunnelLoginOnThatCardAsksNothingUntilTheCardIsPulled() throws Exception {
        // As the tray app: the PIN cache hears a card monitor on PC/SC and finds the reader of the tunnel's card.
        IdentificationPinCache cache = IdentificationPinCache.start(Duration.ofMinutes(10), Clock.systemUTC());
        closeables.add(cache);
        CardMonitor monitor = CardMonitor.builder().withTerminalSource(TerminalSource.pcsc()).build();
        closeables.add(monitor);
        monitor.start(cache);
        TunnelPins pins = new CachedTunnelPins(cache, monitor);
        insert();
        // The cache binds the PIN to the reader the monitor reports the card in: wait until it has read it.
        awaitMonitorSees(monitor, true);
        TestUpstream upstream = upstream();
        ScriptedPinPrompt prompt = new ScriptedPinPrompt(PIN, PIN);

        // A tunnel stopped (logged out of the card) and started again, as from the tray menu.
        try (CardTunnelCredentials firstLogin = new CardTunnelCredentials(List.of(OpenScFixture.MODULE), pins);
             Tunnel first = tunnel(upstream, TunnelMode.HTTP, prompt, firstLogin)) {
            assertThat(get(first, "/whoami").statusCode()).isEqualTo(200);
        }
        Tunnel second = tunnel(upstream, TunnelMode.HTTP, prompt, pins);
        assertThat(get(second, "/whoami").statusCode()).isEqualTo(200);

        assertThat(prompt.requests()).as("the second login used the kept PIN").hasSize(1);
        assertThat(pinVerifications()).as("the card checked the kept PIN").isEqualTo(2);

        connection.close();
        PcscdFixture.awaitReaderEmpty(READER);
        awaitOpenScSees(false);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cache.savedUntil(CardIdentity.of(PcscdFixture.readerName(READER), card.authenticationCertificate()))
                .isPresent()) {
            assertThat(System.nanoTime()).as("the pulled card's PIN is still kept").isLessThan(deadline);
            Thread.sleep(20);
        }
        insert();
        awaitMonitorSees(monitor, true);
        Tunnel third = tunnel(upstream, TunnelMode.HTTP, prompt, pins);
        assertThat(get(third, "/whoami").statusCode()).isEqualTo(200);
        assertThat(prompt.requests()).as("asked again after the card came back").hasSize(2);
    }

    /** A tunnel of the settings to the test service, trusting its CA from a PEM file as an admin would. */
    private static se.legitimera.app.settings.Tunnel definition(String name, TestUpstream upstream) throws Exception {
        Path trust = folder.resolve("server-ca.pem");
        if (!java.nio.file.Files.exists(trust)) {
            java.nio.file.Files.writeString(trust, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                    new byte[] {'\n'}).encodeToString(serverCa.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        }
        return new se.legitimera.app.settings.Tunnel(name, 0, URI.create("https://localhost:" + upstream.port()),
                se.legitimera.app.settings.TunnelMode.HTTP, List.of(trust), true);
    }

    private static void awaitMonitorSees(CardMonitor monitor, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (monitor.snapshot().readers().stream().anyMatch(r -> r.name().equals(PcscdFixture.readerName(READER))
                && r.card().isPresent()) != present) {
            assertThat(System.nanoTime()).as("the monitor still %s the card", present ? "misses" : "shows")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void insert() throws Exception {
        connection = pcscd.insert(card, READER);
        awaitOpenScSees(true);
    }

    private TestUpstream upstream() throws Exception {
        TestUpstream upstream = TestUpstream.http(server, pki.issuingCertificate());
        closeables.add(upstream);
        return upstream;
    }

    private Tunnel tunnel(TestUpstream upstream, TunnelMode mode, PinPrompt prompt) throws Exception {
        return tunnel(upstream, mode, prompt, TunnelPins.PROMPT_ONLY);
    }

    private Tunnel tunnel(TestUpstream upstream, TunnelMode mode, PinPrompt prompt, TunnelPins pins)
            throws Exception {
        CardTunnelCredentials credentials = new CardTunnelCredentials(List.of(OpenScFixture.MODULE), pins);
        closeables.add(credentials);
        Tunnel tunnel = tunnel(upstream, mode, prompt, credentials);
        closeables.add(tunnel);
        return tunnel;
    }

    private Tunnel tunnel(TestUpstream upstream, TunnelMode mode, PinPrompt prompt, ClientCredentials credentials)
            throws Exception {
        return Tunnel.builder().withName("card").withLocalPort(0)
                .withUpstream(URI.create("https://localhost:" + upstream.port())).withMode(mode)
                .withCredentials(credentials).withPinPrompt(prompt).withSystemTrust(false)
                .withTrustedCertificates(List.of(serverCa.certificate())).open();
    }

    private HttpResponse<String> get(Tunnel tunnel, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tunnel.localPort() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a line through a raw tunnel and returns what comes back before the far end closes. */
    private static String echo(Tunnel tunnel, String line) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tunnel.localPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void awaitNoOpenConnection(TestUpstream upstream) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (upstream.openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(upstream.openConnections()).as("upstream connections left open").isZero();
    }

    /** PSO COMPUTE DIGITAL SIGNATURE commands the card answered with success. */
    private long cardSignatures() {
        return answered.stream().filter(e -> e.ins() == 0x2A && e.p1() == 0x9E && e.p2() == 0x9A
                && e.statusWord() == 0x9000).count();
    }

    /** VERIFY commands that carried a PIN (one without a body only asks for the tries left). */
    private long pinVerifications() {
        return answered.stream().filter(e -> e.ins() == 0x20 && e.dataLength() > 0).count();
    }

    static void assertFailure(HttpResponse<String> response, TunnelFailure failure) {
        assertThat(response.statusCode()).isEqualTo(failure.httpStatus());
        assertThat(response.headers().firstValue("X-Legitimera-Failure")).hasValue(failure.name());
        assertThat(response.body()).contains(failure.titleSv()).contains(failure.titleEn());
    }
}
