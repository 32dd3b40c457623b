package se.legitimera.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gateway between a real HTTP client and a real mTLS service, all on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayIT {

    private static final char[] PIN = "123456".toCharArray();

    private static TestPki.Issued serverCa;
    private static TestPki.Issued personCa;
    private static TestPki.Issued strangerCa;
    private static TestPki.Issued serverLocalhost;
    private static TestPki.Issued serverUntrusted;
    private static TestPki.Issued person;
    private static TestPki.Issued strangerPerson;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicInteger prompts = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void pki() throws Exception {
        serverCa = TestPki.rootCa("Test Server CA");
        personCa = TestPki.rootCa("Test Person HSA-id CA");
        strangerCa = TestPki.rootCa("Stranger CA");
        serverLocalhost = TestPki.server(serverCa, "localhost");
        serverUntrusted = TestPki.server(strangerCa, "localhost");
        person = TestPki.person(personCa, TestPki.HSA_ID);
        strangerPerson = TestPki.person(strangerCa, "TSTNMT2321000156-9999");
    }

    @AfterEach
    void closeAll() throws Exception {
        http.close();
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
    }

    private TestUpstream upstream(TestPki.Issued identity, String... protocols) throws Exception {
        TestUpstream upstream = TestUpstream.http(identity, personCa.certificate(), protocols);
        closeables.add(upstream);
        return upstream;
    }

    private PinPrompt typing(char[] pin) {
        return request -> {
            prompts.incrementAndGet();
            return pin.clone();
        };
    }

    private Tunnel tunnel(String upstreamUrl, ClientCredentials card, PinPrompt prompt, TunnelMode mode)
            throws IOException {
        Tunnel tunnel = Tunnel.builder().withName("test").withLocalPort(0).withUpstream(URI.create(upstreamUrl))
                .withMode(mode).withCredentials(card).withPinPrompt(prompt)
                .withTrustedCertificates(List.of(serverCa.certificate())).open();
        closeables.add(tunnel);
        return tunnel;
    }

    private Tunnel httpTunnel(TestUpstream upstream, ClientCredentials card) throws IOException {
        return tunnel("https://localhost:" + upstream.port(), card, typing(PIN), TunnelMode.HTTP);
    }

    private HttpResponse<String> get(Tunnel tunnel, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tunnel.localPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whenTheServiceRequiresAClientCertificate_thenItSeesTheCardsHsaIdAndItsOwnHostName() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(person, PIN));

        HttpResponse<String> response = get(tunnel, "/whoami");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hsaId=" + TestPki.HSA_ID + ";host=localhost:" + upstream.port());
        assertThat(upstream.hsaIds()).containsExactly(TestPki.HSA_ID);
    }

    @Test
    void whenManyRequestsUseOneLocalConnection_thenOneUpstreamConnectionAndOneSignatureCarryThemAll()
            throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(person, PIN));

        for (int i = 0; i < 50; i++) {
            assertThat(get(tunnel, "/whoami").statusCode()).isEqualTo(200);
        }

        TunnelStatistics statistics = tunnel.statistics();
        assertThat(statistics.requests()).isEqualTo(50);
        assertThat(statistics.acceptedConnections()).isEqualTo(1);
        assertThat(statistics.upstreamConnections()).isEqualTo(1);
        assertThat(statistics.privateKeyUses()).isEqualTo(1);
        assertThat(upstream.connections()).isEqualTo(1);
        assertThat(prompts).hasValue(1);
    }

    @Test
    void whenTheServiceClosesEveryConnection_thenNewConnectionsResumeTheTlsSessionWithoutSigning()
            throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(person, PIN));

        for (int i = 0; i < 20; i++) {
            assertThat(get(tunnel, "/close").body()).startsWith("hsaId=" + TestPki.HSA_ID);
        }

        assertThat(tunnel.statistics().upstreamConnections()).isEqualTo(20);
        assertThat(upstream.hsaIds()).hasSize(20).containsOnly(TestPki.HSA_ID);
        assertThat(tunnel.statistics().privateKeyUses()).isEqualTo(1);
    }

    @Test
    void whenTheServiceSpeaksOnlyTls12_thenSessionsAreResumedThereToo() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost, "TLSv1.2");
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(person, PIN));

        for (int i = 0; i < 10; i++) {
            assertThat(get(tunnel, "/close").statusCode()).isEqualTo(200);
        }

        assertThat(tunnel.statistics().upstreamConnections()).isEqualTo(10);
        assertThat(tunnel.statistics().privateKeyUses()).isEqualTo(1);
    }

    @Test
    void whenLargeBodiesGoBothWays_thenTheyArriveWhole() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(person, PIN));
        byte[] upload = new byte[32 * 1024 * 1024];
        for (int i = 0; i < upload.length; i++) {
            upload[i] = (byte) (i * 7);
        }
        URI base = URI.create("http://localhost:" + tunnel.localPort());

        HttpResponse<String> fixed = http.send(HttpRequest.newBuilder(base.resolve("/digest"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(base.resolve("/digest"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(upload)))
                .build(), HttpResponse.BodyHandlers.ofString());
        long size = 48L * 1024 * 1024;
        HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(base.resolve("/big/" + size)).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload))
                + ";length=" + upload.length;
        assertThat(fixed.body()).isEqualTo(expected);
        assertThat(chunked.body()).isEqualTo(expected);
        long position = 0;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != TestUpstream.pattern(position + i)) {
                        throw new AssertionError("Byte " + (position + i) + " differs");
                    }
                }
                position += n;
            }
        }
        assertThat(position).isEqualTo(size);
        assertThat(tunnel.statistics().upstreamConnections()).isEqualTo(1);
    }

    @Test
    void whenTheServiceRedirectsToItself_thenTheRedirectStaysInTheTunnel() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(person, PIN));

        HttpResponse<String> response = get(tunnel, "/redirect");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("http://localhost:" + tunnel.localPort() + "/whoami");
    }

    @Test
    void whenABrowserOpensAWebSocket_thenFramesPassBothWays() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(person, PIN));
        CompletableFuture<String> echoed = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();

        WebSocket socket = http.newWebSocketBuilder().buildAsync(
                URI.create("ws://localhost:" + tunnel.localPort() + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            echoed.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("Hej från tunneln", true).get(10, TimeUnit.SECONDS);

        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("Hej från tunneln");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "klart").get(10, TimeUnit.SECONDS);
        assertThat(upstream.hsaIds()).containsExactly(TestPki.HSA_ID);
    }

    @Test
    void whenTheReaderHoldsNoCardKey_thenTheBrowserIsToldToInsertTheCard() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = httpTunnel(upstream, SoftwareCard.withoutKey());

        HttpResponse<String> response = get(tunnel, "/whoami");

        assertFailure(response, TunnelFailure.CARD_MISSING);
        assertThat(upstream.connections()).isZero();
    }

    @Test
    void whenThePinIsWrong_thenThePageSaysSoAndTheNextPromptKnows() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        SoftwareCard card = new SoftwareCard(person, PIN);
        Tunnel tunnel = tunnel("https://localhost:" + upstream.port(), card, typing("999999".toCharArray()),
                TunnelMode.HTTP);

        assertFailure(get(tunnel, "/whoami"), TunnelFailure.PIN_REFUSED);
        assertFailure(get(tunnel, "/whoami"), TunnelFailure.PIN_REFUSED);

        assertThat(card.requests()).hasSize(2);
        assertThat(card.requests().get(0).previousAttemptRefused()).isFalse();
        assertThat(card.requests().get(1).previousAttemptRefused()).isTrue();
        assertThat(card.requests().get(1).triesLeft()).hasValue(2);
        assertThat(upstream.connections()).isZero();
    }

    @Test
    void whenTheUserCancelsThePrompt_thenNoConnectionIsMade() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = tunnel("https://localhost:" + upstream.port(), new SoftwareCard(person, PIN), request -> {
            throw new PinCancelledException("cancelled");
        }, TunnelMode.HTTP);

        assertFailure(get(tunnel, "/whoami"), TunnelFailure.PIN_CANCELLED);
        assertThat(upstream.connections()).isZero();
    }

    @Test
    void whenTheServiceCertificateIsFromAnUnknownCa_thenTheTunnelRefusesIt() throws Exception {
        TestUpstream upstream = upstream(serverUntrusted);
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(person, PIN));

        assertFailure(get(tunnel, "/whoami"), TunnelFailure.UPSTREAM_UNTRUSTED);
    }

    @Test
    void whenTheServiceCertificateIsForAnotherName_thenTheTunnelRefusesIt() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = tunnel("https://127.0.0.1:" + upstream.port(), new SoftwareCard(person, PIN), typing(PIN),
                TunnelMode.HTTP);

        assertFailure(get(tunnel, "/whoami"), TunnelFailure.UPSTREAM_HOSTNAME_MISMATCH);
    }

    @Test
    void whenTheServiceDoesNotAcceptTheCard_thenThePageSaysSo() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(strangerPerson, PIN));

        assertFailure(get(tunnel, "/whoami"), TunnelFailure.UPSTREAM_REJECTED_CERTIFICATE);
    }

    @Test
    void whenTheServiceIsDown_thenThePageSaysItDoesNotAnswer() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Tunnel tunnel = tunnel("https://localhost:" + closedPort, new SoftwareCard(person, PIN), typing(PIN),
                TunnelMode.HTTP);

        assertFailure(get(tunnel, "/whoami"), TunnelFailure.UPSTREAM_UNREACHABLE);
    }

    @Test
    void whenARequestNamesAForeignHost_thenItIsRefusedBeforeTheCardIsTouched() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        SoftwareCard card = new SoftwareCard(person, PIN);
        Tunnel tunnel = httpTunnel(upstream, card);

        String answer = rawExchange(tunnel.localPort(), "GET /whoami HTTP/1.1\r\nHost: rebind.example:"
                + tunnel.localPort() + "\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 421 ").contains("Fel adress").contains("Wrong address");
        assertThat(card.requests()).isEmpty();
        assertThat(upstream.connections()).isZero();
    }

    @Test
    void whenRequestsUseEachLoopbackName_thenAllAreAccepted() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = httpTunnel(upstream, new SoftwareCard(person, PIN));
        int port = tunnel.localPort();

        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
            assertThat(rawExchange(port, "GET /whoami HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void whenAConnectionComesFromANonLoopbackAddress_thenItIsRefused() throws Exception {
        Optional<InetAddress> own = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()
                        && address instanceof java.net.Inet4Address)
                .findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(own.isPresent(), "this machine has no non-loopback address");
        TestUpstream upstream = upstream(serverLocalhost);
        SoftwareCard card = new SoftwareCard(person, PIN);
        Tunnel tunnel = httpTunnel(upstream, card);

        String answer;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(own.get(), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tunnel.localPort()), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /whoami HTTP/1.1\r\nHost: localhost:" + tunnel.localPort()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            answer = ""; // reset by the gateway's close
        }

        assertThat(answer).isEmpty();
        assertThat(tunnel.statistics().refusedConnections()).isEqualTo(1);
        assertThat(tunnel.statistics().acceptedConnections()).isZero();
        assertThat(card.requests()).isEmpty();
    }

    @Test
    void whenTheCardIsRemoved_thenUpstreamConnectionsCloseAndThePinIsAskedAgain() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        SoftwareCard card = new SoftwareCard(person, PIN);
        Tunnel tunnel = httpTunnel(upstream, card);
        assertThat(get(tunnel, "/whoami").statusCode()).isEqualTo(200);

        tunnel.cardRemoved();
        assertThat(get(tunnel, "/whoami").statusCode()).isEqualTo(200);

        assertThat(prompts).hasValue(2);
        assertThat(card.unlocks()).isEqualTo(2);
        assertThat(tunnel.statistics().upstreamConnections()).isEqualTo(2);
        assertThat(tunnel.statistics().privateKeyUses()).isEqualTo(2);
    }

    @Test
    void whenManyConnectionsNeedTheCardAtOnce_thenThePinIsAskedOnce() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = tunnel("https://localhost:" + upstream.port(), new SoftwareCard(person, PIN), request -> {
            prompts.incrementAndGet();
            try {
                Thread.sleep(300); // a person typing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PIN.clone();
        }, TunnelMode.HTTP);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + tunnel.localPort() + "/whoami")).build(), HttpResponse.BodyHandlers.ofString()));
            }
        }

        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(prompts).hasValue(1);
    }

    @Test
    void whenTheConnectionLimitIsReached_thenFurtherConnectionsGetABusyPage() throws Exception {
        TestUpstream upstream = upstream(serverLocalhost);
        Tunnel tunnel = Tunnel.builder().withName("limited").withLocalPort(0)
                .withUpstream(URI.create("https://localhost:" + upstream.port())).withCredentials(
                        new SoftwareCard(person, PIN)).withPinPrompt(typing(PIN)).withSystemTrust(false)
                .withTrustedCertificates(List.of(serverCa.certificate())).withMaxConnections(1).open();
        closeables.add(tunnel);

        try (Socket first = new Socket(InetAddress.getLoopbackAddress(), tunnel.localPort())) {
            first.getOutputStream().write(("GET /whoami HTTP/1.1\r\nHost: localhost:" + tunnel.localPort()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            first.getOutputStream().flush();
            first.setSoTimeout(10_000);
            assertThat(readHead(first.getInputStream())).startsWith("HTTP/1.1 200 ");

            String second = rawExchange(tunnel.localPort(), "GET /whoami HTTP/1.1\r\nHost: localhost:"
                    + tunnel.localPort() + "\r\n\r\n");
            assertThat(second).startsWith("HTTP/1.1 503 ").contains("För många anslutningar");
        }
    }

    @Test
    void whenWrappingRawTls_thenBytesPassThroughWithTheCardsCertificate() throws Exception {
        TestUpstream upstream = TestUpstream.echo(serverLocalhost, personCa.certificate());
        closeables.add(upstream);
        Tunnel tunnel = tunnel("https://localhost:" + upstream.port(), new SoftwareCard(person, PIN), typing(PIN),
                TunnelMode.TLS);

        byte[] message = "any protocol at all\n".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tunnel.localPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(message);
            socket.shutdownOutput();
            assertThat(socket.getInputStream().readAllBytes()).isEqualTo(message);
        }
        assertThat(upstream.hsaIds()).containsExactly(TestPki.HSA_ID);
    }

    private static void assertFailure(HttpResponse<String> response, TunnelFailure failure) {
        assertThat(response.statusCode()).isEqualTo(failure.httpStatus());
        assertThat(response.headers().firstValue("X-Legitimera-Failure")).hasValue(failure.name());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).contains(failure.titleSv()).contains(failure.titleEn());
        assertThat(response.body().indexOf(failure.titleSv())).isLessThan(response.body().indexOf(failure.titleEn()));
        assertThat(response.body()).doesNotContain(TestPki.HSA_ID);
    }

    private static String rawExchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
