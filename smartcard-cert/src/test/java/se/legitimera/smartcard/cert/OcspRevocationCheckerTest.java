package se.legitimera.smartcard.cert;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OCSP against a JDK HttpServer on 127.0.0.1 that answers as configured per test. */
class OcspRevocationCheckerTest {

    private static TestPki.Issued ca;
    private static TestPki.Issued delegate;
    private static TestPki.Issued rogue;

    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile CertificateStatus answer = CertificateStatus.GOOD;
    private volatile PrivateKey signingKey;
    private volatile X509CertificateHolder[] includedCerts = new X509CertificateHolder[0];
    private volatile Instant nextUpdate = TestPki.NOW.plusSeconds(3600);
    private volatile long delayMillis;
    private final Clock clock = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

    @BeforeAll
    static void createPki() throws Exception {
        ca = TestPki.ca("SITHS e-id Person HSA-id 3 CA v1");
        var responder = new TestPki.Person();
        responder.subject = "CN=OCSP responder,C=SE";
        responder.keyUsage = KeyUsage.digitalSignature;
        responder.ocspSigning = true;
        responder.upn = null;
        responder.email = null;
        delegate = responder.issueBy(ca);
        rogue = TestPki.ca("SITHS e-id Person HSA-id 3 CA v1");
    }

    @BeforeEach
    void startResponder() throws Exception {
        signingKey = ca.keyPair().getPrivate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ocsp", exchange -> {
            hits.incrementAndGet();
            try {
                Thread.sleep(delayMillis);
                OCSPReq request = new OCSPReq(exchange.getRequestBody().readAllBytes());
                BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(new JcaX509CertificateHolder(ca.certificate()).getSubject()));
                Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
                if (nonce != null) {
                    builder.setResponseExtensions(new Extensions(nonce));
                }
                for (Req req : request.getRequestList()) {
                    builder.addResponse(req.getCertID(), answer, Date.from(TestPki.NOW.minusSeconds(60)),
                            nextUpdate == null ? null : Date.from(nextUpdate));
                }
                var basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey), includedCerts,
                        Date.from(TestPki.NOW));
                byte[] body = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
                exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stopResponder() {
        server.stop(0);
    }

    private TestPki.Issued card() throws Exception {
        var person = new TestPki.Person();
        person.ocsp = "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp";
        return person.issueBy(ca);
    }

    private RevocationChecker checker() {
        return RevocationChecker.builder().withClock(clock).withTimeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void whenIssuerSignsGood_thenGood() throws Exception {
        RevocationResult result = checker().check(card().certificate(), ca.certificate());
        assertThat(result.status()).as(result.detail()).isEqualTo(RevocationStatus.GOOD);
        assertThat(result.nextUpdate()).hasValue(nextUpdate);
    }

    @Test
    void whenRevoked_thenRevokedWithTheTime() throws Exception {
        Instant revokedAt = TestPki.NOW.minusSeconds(86_400);
        answer = new RevokedStatus(Date.from(revokedAt), 1);
        RevocationResult result = checker().check(card().certificate(), ca.certificate());
        assertThat(result.status()).isEqualTo(RevocationStatus.REVOKED);
        assertThat(result.revokedAt()).hasValue(revokedAt);
    }

    @Test
    void whenResponderDoesNotKnowTheCertificate_thenUnknown() throws Exception {
        answer = new UnknownStatus();
        assertThat(checker().check(card().certificate(), ca.certificate()).status()).isEqualTo(RevocationStatus.UNKNOWN);
    }

    @Test
    void whenSignedByAnUnrelatedKey_thenUnknownNeverGood() throws Exception {
        signingKey = rogue.keyPair().getPrivate();
        includedCerts = new X509CertificateHolder[] {new JcaX509CertificateHolder(rogue.certificate())};
        assertThat(checker().check(card().certificate(), ca.certificate()).status()).isEqualTo(RevocationStatus.UNKNOWN);
    }

    @Test
    void whenSignedByADelegatedResponder_thenGood() throws Exception {
        signingKey = delegate.keyPair().getPrivate();
        includedCerts = new X509CertificateHolder[] {new JcaX509CertificateHolder(delegate.certificate())};
        assertThat(checker().check(card().certificate(), ca.certificate()).status()).isEqualTo(RevocationStatus.GOOD);
    }

    @Test
    void whenResponderIsOffline_thenUnknownAndUnreachable() throws Exception {
        TestPki.Issued card = card();
        server.stop(0);
        RevocationResult result = checker().check(card.certificate(), ca.certificate());
        assertThat(result.status()).isEqualTo(RevocationStatus.UNKNOWN);
        assertThat(result.unreachable()).isTrue();
    }

    @Test
    void whenTheResponderAnswersUnknown_thenItWasReached() throws Exception {
        answer = new UnknownStatus();
        RevocationResult result = checker().check(card().certificate(), ca.certificate());
        assertThat(result.status()).isEqualTo(RevocationStatus.UNKNOWN);
        assertThat(result.unreachable()).isFalse();
    }

    @Test
    void aFixedResponder_isAskedInsteadOfTheOneInTheCertificate() throws Exception {
        var person = new TestPki.Person();
        person.ocsp = "http://127.0.0.1:1/nowhere"; // the certificate's AIA leads nowhere
        TestPki.Issued card = person.issueBy(ca);
        RevocationChecker fixed = RevocationChecker.builder().withClock(clock).withTimeout(Duration.ofSeconds(2))
                .withResponder(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp")).build();
        assertThat(fixed.check(card.certificate(), ca.certificate()).status()).isEqualTo(RevocationStatus.GOOD);
        assertThat(hits).hasValue(1);
    }

    @Test
    void aMaxCacheAge_cachesAnAnswerWithoutNextUpdateForThatLong() throws Exception {
        nextUpdate = null;
        MovingClock moving = new MovingClock();
        RevocationChecker checker = RevocationChecker.builder().withClock(moving).withTimeout(Duration.ofSeconds(2))
                .withMaxCacheAge(Duration.ofMinutes(5)).build();
        TestPki.Issued card = card();
        checker.check(card.certificate(), ca.certificate());
        moving.now = moving.now.plus(Duration.ofMinutes(4));
        checker.check(card.certificate(), ca.certificate());
        assertThat(hits).hasValue(1);
        moving.now = moving.now.plus(Duration.ofMinutes(2));
        checker.check(card.certificate(), ca.certificate());
        assertThat(hits).hasValue(2);
    }

    @Test
    void aMaxCacheAgeOfZero_asksEveryTimeEvenWithNextUpdate() throws Exception {
        RevocationChecker checker = RevocationChecker.builder().withClock(clock).withTimeout(Duration.ofSeconds(2))
                .withMaxCacheAge(Duration.ZERO).build();
        TestPki.Issued card = card();
        checker.check(card.certificate(), ca.certificate());
        checker.check(card.certificate(), ca.certificate());
        assertThat(hits).hasValue(2);
    }

    /** A clock a test moves by hand. */
    private static final class MovingClock extends Clock {
        volatile Instant now = TestPki.NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void whenResponderIsTooSlow_thenUnknownWithinTheTimeout() throws Exception {
        delayMillis = 3_000;
        RevocationChecker fast = RevocationChecker.builder().withClock(clock).withTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        assertThat(fast.check(card().certificate(), ca.certificate()).status()).isEqualTo(RevocationStatus.UNKNOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void whenResponseIsStale_thenUnknown() throws Exception {
        nextUpdate = TestPki.NOW.minusSeconds(3600);
        assertThat(checker().check(card().certificate(), ca.certificate()).status()).isEqualTo(RevocationStatus.UNKNOWN);
    }

    @Test
    void answerIsCachedUntilNextUpdate() throws Exception {
        RevocationChecker checker = checker();
        TestPki.Issued card = card();
        checker.check(card.certificate(), ca.certificate());
        checker.check(card.certificate(), ca.certificate());
        assertThat(hits).hasValue(1);
    }

    @Test
    void withoutNextUpdateTheAnswerIsNotCached() throws Exception {
        nextUpdate = null;
        RevocationChecker checker = checker();
        TestPki.Issued card = card();
        assertThat(checker.check(card.certificate(), ca.certificate()).status()).isEqualTo(RevocationStatus.GOOD);
        checker.check(card.certificate(), ca.certificate());
        assertThat(hits).hasValue(2);
    }
}
