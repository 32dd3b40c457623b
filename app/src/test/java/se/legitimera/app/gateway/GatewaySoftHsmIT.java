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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.app.wiring.CardTunnelCredentials;
import se.legitimera.app.wiring.TunnelPins;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.PersonCertificates;
import se.legitimera.devkit.stack.SoftHsmFixture;

/**
 * The gateway with CardTunnelCredentials over a SoftHSM2 token that holds a person's identification and
 * signature keys with certificates from the devkit test CA: the token stands in for other PKCS#11
 * middleware (SafeNet, Net iD). SoftHSM never locks a PIN, so lockout is left to {@link GatewayCardIT}.
 * Skipped without SoftHSM2 (fails in CI).
 */
@Timeout(60)
class GatewaySoftHsmIT {

    private static final char[] PIN = "123456".toCharArray();
    private static final Holder HOLDER = new Holder("Tolvan", "Tolvansson", "TSTNMT2321000156-2048",
            "tolvan@test.siths.se");

    @TempDir
    static Path folder;
    private static SoftHsmFixture softHsm;
    private static se.legitimera.devkit.pki.TestPki pki;
    private static PersonCertificates person;
    private static TestPki.Issued serverCa;
    private static TestPki.Issued server;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void token() throws Exception {
        softHsm = SoftHsmFixture.create(folder.resolve("softhsm"), "legitimera-gateway", PIN, "12345678".toCharArray());
        pki = se.legitimera.devkit.pki.TestPki.openOrCreate(folder.resolve("pki"), Clock.systemUTC());
        KeyPair authentication = rsa();
        KeyPair signature = rsa();
        person = pki.issuePerson(HOLDER, authentication.getPublic(), signature.getPublic());
        // the signature key first: the credentials must pick the identification certificate, not the first one
        softHsm.importKey("signature", "02", signature.getPrivate(), person.signature());
        softHsm.importKey("authentication", "01", authentication.getPrivate(), person.authentication());
        serverCa = TestPki.rootCa("Test Server CA");
        server = TestPki.server(serverCa, "localhost");
    }

    @AfterAll
    static void removeToken() throws Exception {
        if (softHsm != null) {
            softHsm.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        http.close();
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
    }

    @Test
    void whenRequestsShareOneConnection_thenTheServiceSeesTheIdentificationCertificateAndTheTokenSignsOnce()
            throws Exception {
        TestUpstream upstream = TestUpstream.http(server, pki.issuingCertificate());
        closeables.add(upstream);
        ScriptedPinPrompt prompt = new ScriptedPinPrompt(PIN, PIN);
        Tunnel tunnel = tunnel(upstream, TunnelMode.HTTP, prompt);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = get(tunnel, "/whoami");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("hsaId=" + HOLDER.hsaId() + ";");
        }
        assertThat(tunnel.statistics().privateKeyUses()).isEqualTo(1);
        tunnel.cardRemoved();
        assertThat(get(tunnel, "/close").statusCode()).isEqualTo(200);

        assertThat(upstream.peerCertificates()).hasSize(2).containsOnly(person.authentication());
        assertThat(upstream.hsaIds()).containsOnly(HOLDER.hsaId());
        assertThat(tunnel.statistics().privateKeyUses()).as("one signature per login").isEqualTo(2);
        assertThat(prompt.requests()).hasSize(2);
    }

    @Test
    void whenWrappingRawTls_thenTheEchoServiceSeesTheIdentificationCertificate() throws Exception {
        TestUpstream upstream = TestUpstream.echo(server, pki.issuingCertificate());
        closeables.add(upstream);
        Tunnel tunnel = tunnel(upstream, TunnelMode.TLS, new ScriptedPinPrompt(PIN));

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tunnel.localPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("hej\n".getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hej\n");
        }
        assertThat(upstream.peerCertificates()).containsExactly(person.authentication());
    }

    @Test
    void whenThePinIsWrong_thenThePageSaysSoAndTheNextPromptKnows() throws Exception {
        TestUpstream upstream = TestUpstream.http(server, pki.issuingCertificate());
        closeables.add(upstream);
        ScriptedPinPrompt prompt = new ScriptedPinPrompt("000000".toCharArray(), PIN);
        Tunnel tunnel = tunnel(upstream, TunnelMode.HTTP, prompt);

        GatewayCardIT.assertFailure(get(tunnel, "/whoami"), TunnelFailure.PIN_REFUSED);
        assertThat(prompt.requests()).hasSize(1);
        assertThat(get(tunnel, "/whoami").statusCode()).isEqualTo(200);

        assertThat(prompt.requests().get(1).previousAttemptRefused()).isTrue();
        assertThat(upstream.peerCertificates()).containsExactly(person.authentication());
    }

    private Tunnel tunnel(TestUpstream upstream, TunnelMode mode, PinPrompt prompt) throws Exception {
        CardTunnelCredentials credentials = new CardTunnelCredentials(List.of(SoftHsmFixture.MODULE), TunnelPins.PROMPT_ONLY);
        closeables.add(credentials);
        Tunnel tunnel = Tunnel.builder().withName("softhsm").withLocalPort(0)
                .withUpstream(URI.create("https://localhost:" + upstream.port())).withMode(mode)
                .withCredentials(credentials).withPinPrompt(prompt).withSystemTrust(false)
                .withTrustedCertificates(List.of(serverCa.certificate())).open();
        closeables.add(tunnel);
        return tunnel;
    }

    private HttpResponse<String> get(Tunnel tunnel, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tunnel.localPort() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
