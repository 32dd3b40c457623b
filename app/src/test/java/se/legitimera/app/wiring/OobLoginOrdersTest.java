package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.legitimera.app.gateway.TestPki;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.login.LoginOrders;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobClientBuilder;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.SpkiPin;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.cert.IssuerLocator;

/**
 * Every way a {@code legitimera://} link can fail gets its own outcome (and so its own words), against a
 * real HTTPS server on loopback that answers as a service would.
 */
class OobLoginOrdersTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyz012345";

    private final IdentificationPinCache pins = IdentificationPinCache.start(Duration.ZERO, Clock.systemUTC());
    private final AtomicInteger requests = new AtomicInteger();
    private TestPki.Issued ca;
    private SSLServerSocket server;
    private ServiceOrigin origin;
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void startService() throws Exception {
        ca = TestPki.rootCa("Test service CA");
        TestPki.Issued tls = TestPki.server(ca, "localhost");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {tls.keyManager()}, null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::answerRequests);
        origin = ServiceOrigin.parse("https://localhost:" + server.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        pins.close();
    }

    /** One JSON answer per connection, as the service's error answers are. */
    private void answerRequests() {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                InputStream in = connection.getInputStream();
                int length = 0;
                for (String line = line(in); !line.isEmpty(); line = line(in)) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                in.readNBytes(length);
                requests.incrementAndGet();
                byte[] answer = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 " + status + " Refused\r\nContent-Type: application/json\r\nContent-Length: "
                        + answer.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(answer);
                out.flush();
            } catch (IOException e) {
                // a refused handshake (pin, trust) or the test closing the socket: next connection
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void aLinkThatIsNotALegitimeraLoginLink_isInvalid_beforeAnyConnection() {
        assertThat(refusal(trusting(), "legitimera://login?autostart=x")).isEqualTo(new Outcome.LinkInvalid());
        assertThat(requests).hasValue(0);
    }

    @Test
    void aServiceNotOnTheAllowlist_isNamed_andNothingIsSent() {
        OobClientBuilder otherAllowed = OobClient.builder().withoutProxy()
                .withAllowedOrigin(ServiceOrigin.parse("https://idp.example.se"));

        assertThat(refusal(otherAllowed, link(origin))).isEqualTo(new Outcome.ServiceNotAllowed(origin.toString()));
        assertThat(requests).hasValue(0);
    }

    @Test
    void withNoServiceAllowedAtAll_theLinksServiceIsNamed_notTheCard() {
        LoginOrders none = OobLoginOrders.noServiceAllowed();

        assertThatThrownBy(() -> none.fetch(link(origin))).isInstanceOfSatisfying(LoginUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(new Outcome.ServiceNotAllowed(origin.toString())));
        assertThatThrownBy(() -> none.fetch("legitimera://auth?token=" + TOKEN))
                .isInstanceOfSatisfying(LoginUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(new Outcome.LinkInvalid()));
    }

    @Test
    void aServiceWhoseKeyIsNotThePinnedOne_isIntercepted_andNothingIsSent() throws Exception {
        SpkiPin otherKey = SpkiPin.of(TestPki.rootCa("Another key").certificate().getPublicKey());

        assertThat(refusal(trusting().withPinnedKeys(origin, List.of(otherKey)), link(origin)))
                .isEqualTo(new Outcome.ConnectionIntercepted(origin.toString()));
        assertThat(requests).hasValue(0);
    }

    @Test
    void aServiceThatCannotBeReached_isUnavailable() throws IOException {
        server.close();

        assertThat(refusal(trusting(), link(origin))).isEqualTo(new Outcome.ServiceUnavailable());
    }

    @Test
    void anExpiredOrder_isExpired() {
        status = 410;
        body = "{\"errorCode\":\"expired\",\"hintCode\":\"startFailed\",\"details\":\"order expired\"}";

        assertThat(refusal(trusting(), link(origin))).isEqualTo(new Outcome.OrderExpired());
    }

    @Test
    void anOrderTheServiceDoesNotKnow_isUnknown() {
        status = 404;
        body = "{\"errorCode\":\"notFound\",\"details\":\"no such order\"}";

        assertThat(refusal(trusting(), link(origin))).isEqualTo(new Outcome.OrderUnknown());
    }

    @Test
    void aServiceWhoseCertificateIsNotTrusted_isUntrusted() throws Exception {
        OobClientBuilder trustingAnotherCa = OobClient.builder().withoutProxy().withAllowedOrigin(origin)
                .withSystemTrustStore(false).withTrustedCertificate(TestPki.rootCa("Another CA").certificate());

        assertThat(refusal(trustingAnotherCa, link(origin))).isEqualTo(new Outcome.ServiceUntrusted());
        assertThat(requests).hasValue(0);
    }

    private OobClientBuilder trusting() {
        return OobClient.builder().withoutProxy().withAllowedOrigin(origin).withTrustedCertificate(ca.certificate());
    }

    private static String link(ServiceOrigin service) {
        return "legitimera://auth?service=" + URLEncoder.encode(service.toString(), StandardCharsets.UTF_8)
                + "&token=" + TOKEN;
    }

    private Outcome refusal(OobClientBuilder builder, String link) {
        try (OobClient client = builder.build(); CardMonitor monitor = CardMonitor.builder().build()) {
            OobLoginOrders orders = new OobLoginOrders(client, monitor, new ActiveCard(monitor),
                    IssuerLocator.builder().withFetching(false).build(), pins);
            LoginUnavailableException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    LoginUnavailableException.class, () -> orders.fetch(link));
            return refused.reason();
        }
    }
}
