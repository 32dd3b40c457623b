package se.legitimera.oob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OobClientTest {

    private static TestCertificates.Issued tlsCa;
    private static TestCertificates.Issued tls;
    private static TestCertificates.Issued cardCa;
    private FakeService service;

    @BeforeAll
    static void certificates() throws Exception {
        tlsCa = TestCertificates.ca("Test TLS CA");
        tls = TestCertificates.tlsServer(tlsCa);
        cardCa = TestCertificates.ca("Test card CA");
    }

    @BeforeEach
    void startService() throws Exception {
        service = new FakeService(tls);
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    private OobClientBuilder trusting() {
        return OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(tlsCa.certificate())
                .withAllowedOrigin(service.origin).withoutProxy().withReadRetries(3, Duration.ofMillis(10));
    }

    private SoftwareProofSigner signer(KeyPair keys, ProofSigningException failure) throws Exception {
        TestCertificates.Issued card = TestCertificates.card(cardCa, keys, "TSTNMT2321000156-1024");
        return new SoftwareProofSigner(keys.getPrivate(), List.of(card.certificate(), cardCa.certificate()), failure);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"5, PT5S", "0, PT0S", "none, none", "'Wed, 21 Oct 2026 07:28:00 GMT', none",
        "-3, none", "soon, none"})
    void whenThePollAnswersAtOnce_thenTheAnswerCarriesItsRetryAfterSeconds(String header, String expected) throws Exception {
        service.pollRetryAfter = header;
        PollSession session = new PollSession(service.origin, "TSTNMT2321000156-1024", "session-token",
                Instant.now().plusSeconds(60));
        try (OobClient client = trusting().build()) {
            PollAnswer answer = client.awaitOrder(session, Duration.ofSeconds(30));

            assertThat(answer.order()).isEmpty();
            assertThat(answer.askAgainAfter()).isEqualTo(Optional.ofNullable(expected).map(Duration::parse));
        }
        assertThat(service.requests).containsExactly("/app/v1/poll");
    }

    @Test
    void whenOrderIsSignedByTheService_thenFetchShowsItsFields() throws Exception {
        try (OobClient client = trusting().build()) {
            Order order = client.fetchOrder(service.link());
            assertThat(order.rpName()).isEqualTo("Journalen");
            assertThat(order.rpOrigin()).isEqualTo("https://journal.example:443");
            assertThat(order.message()).contains("Logga in i journalen");
            assertThat(order.requestedLoa()).hasValue(3);
            assertThat(order.orderRef()).isEqualTo("order-1");
        }
        assertThat(service.requests).containsExactly("/app/v1/order", "/.well-known/legitimera/jwks.json");
    }

    @Test
    void whenOrderPayloadIsTampered_thenOrderSignatureInvalid() throws Exception {
        service.tamperOrder = true;
        try (OobClient client = trusting().build()) {
            assertThatThrownBy(() -> client.fetchOrder(service.link())).isInstanceOf(OrderSignatureInvalidException.class);
        }
    }

    @Test
    void whenConfiguredKeysAreNotTheService_thenOrderSignatureInvalid() throws Exception {
        var otherKey = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("k1").generate();
        try (OobClient client = trusting().withOrderSigningKeys(service.origin, new com.nimbusds.jose.jwk.JWKSet(otherKey)).build()) {
            assertThatThrownBy(() -> client.fetchOrder(service.link())).isInstanceOf(OrderSignatureInvalidException.class);
        }
        assertThat(service.requests).containsExactly("/app/v1/order");
    }

    @Test
    void whenOriginIsNotAllowed_thenNothingIsSent() throws Exception {
        try (OobClient client = OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(tlsCa.certificate())
                .withAllowedOrigin(ServiceOrigin.parse("https://idp.example")).build()) {
            assertThatThrownBy(() -> client.fetchOrder(service.link())).isInstanceOf(OriginNotAllowedException.class);
        }
        assertThat(service.requests).isEmpty();
    }

    @Test
    void whenServiceKeyIsNotPinned_thenTlsInterceptionDetectedAndNothingIsSent() throws Exception {
        SpkiPin otherKey = SpkiPin.of(TestCertificates.ecKeys().getPublic());
        try (OobClient client = trusting().withPinnedKeys(service.origin, Set.of(otherKey)).build()) {
            assertThatThrownBy(() -> client.fetchOrder(service.link()))
                    .isInstanceOf(TlsInterceptionDetectedException.class)
                    .hasMessageContaining("TLS interception detected");
        }
        assertThat(service.requests).isEmpty();
    }

    @Test
    void whenServiceKeyIsPinned_thenFetchSucceeds() throws Exception {
        try (OobClient client = trusting().withPinnedKeys(service.origin, Set.of(SpkiPin.of(tls.certificate().getPublicKey()))).build()) {
            assertThat(client.fetchOrder(service.link()).rpName()).isEqualTo("Journalen");
        }
    }

    @Test
    void whenServiceCertificateIsUntrusted_thenRefusedInTheHandshake() throws Exception {
        TestCertificates.Issued otherCa = TestCertificates.ca("Someone else");
        try (OobClient client = OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(otherCa.certificate())
                .withAllowedOrigin(service.origin).withoutProxy().build()) {
            assertThatThrownBy(() -> client.fetchOrder(service.link())).isInstanceOf(ServiceCertificateUntrustedException.class);
        }
        assertThat(service.requests).isEmpty();
    }

    @Test
    void whenServiceIsBrieflyUnavailable_thenOrderFetchIsRetried() throws Exception {
        service.failuresLeft.set(2);
        try (OobClient client = trusting().build()) {
            assertThat(client.fetchOrder(service.link()).orderRef()).isEqualTo("order-1");
        }
        assertThat(service.requests).startsWith("/app/v1/order", "/app/v1/order", "/app/v1/order");
    }

    @Test
    void whenServiceStaysUnavailable_thenServiceUnavailableAfterTheAttempts() throws Exception {
        service.failuresLeft.set(100);
        try (OobClient client = trusting().build()) {
            assertThatThrownBy(() -> client.fetchOrder(service.link())).isInstanceOf(ServiceUnavailableException.class);
        }
        assertThat(service.requests).hasSize(3);
    }

    @Test
    void whenProofPostFails_thenItIsNotPostedAgain() throws Exception {
        SoftwareProofSigner signer = signer(TestCertificates.ecKeys(), null);
        try (OobClient client = trusting().build()) {
            Order order = client.fetchOrder(service.link());
            service.failuresLeft.set(5);
            assertThatThrownBy(() -> client.complete(order, signer)).isInstanceOf(ServiceUnavailableException.class);
        }
        assertThat(service.requests.stream().filter("/app/v1/proof"::equals)).hasSize(1);
    }

    @Test
    void whenServiceRejectsTheProof_thenProofRejectedWithItsHint() throws Exception {
        service.proofStatus = 400;
        SoftwareProofSigner signer = signer(TestCertificates.ecKeys(), null);
        try (OobClient client = trusting().build()) {
            Order order = client.fetchOrder(service.link());
            assertThatThrownBy(() -> client.complete(order, signer)).isInstanceOf(ProofRejectedException.class)
                    .satisfies(e -> assertThat(((OobException) e).hintCode()).contains(HintCode.CERTIFICATE_ERR));
        }
    }

    @Test
    void whenOrderExpiredByTheClock_thenFetchRefusesIt() throws Exception {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        try (OobClient client = trusting().withClock(later).build()) {
            assertThatThrownBy(() -> client.fetchOrder(service.link())).isInstanceOf(OrderExpiredException.class);
        }
    }

    @Test
    void whenOrderExpiresBeforeSigning_thenTheCardIsNotAsked() throws Exception {
        SoftwareProofSigner signer = signer(TestCertificates.ecKeys(), null);
        service.orderExpiry = Instant.now().plusSeconds(2);
        Order order;
        try (OobClient client = trusting().build()) {
            order = client.fetchOrder(service.link());
        }
        Clock later = Clock.fixed(Instant.now().plusSeconds(3), ZoneOffset.UTC);
        try (OobClient client = trusting().withClock(later).build()) {
            assertThatThrownBy(() -> client.complete(order, signer)).isInstanceOf(OrderExpiredException.class);
        }
        assertThat(signer.signatures).hasValue(0);
        assertThat(service.proofs).isEmpty();
    }

    @Test
    void whenSignerReportsWrongPin_thenNothingIsPosted() throws Exception {
        SoftwareProofSigner signer = signer(TestCertificates.ecKeys(),
                new ProofSigningException(ProofSigningException.Reason.WRONG_PIN, 2, "wrong PIN", null));
        try (OobClient client = trusting().build()) {
            Order order = client.fetchOrder(service.link());
            assertThatThrownBy(() -> client.complete(order, signer)).isInstanceOf(ProofSigningException.class)
                    .satisfies(e -> assertThat(((ProofSigningException) e).triesLeft()).hasValue(2));
        }
        assertThat(service.proofs).isEmpty();
    }

    @Test
    void whenTheServiceLivesUnderAPath_thenOrderKeysAndProofGoThereAndTheProofNamesThePath() throws Exception {
        try (FakeService realm = new FakeService(tls, "/realms/vard/legitimera");
             OobClient client = OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(tlsCa.certificate())
                     .withAllowedOrigin(realm.origin.origin()).withoutProxy().build()) {
            AutoStartLink link = AutoStartLink.parse(realm.link().toUri());
            assertThat(link.service()).isEqualTo(realm.origin);
            Order order = client.fetchOrder(link);
            client.complete(order, signer(TestCertificates.ecKeys(), null));
            assertThat(realm.requests).containsExactly("/realms/vard/legitimera/app/v1/order",
                    "/realms/vard/legitimera/.well-known/legitimera/jwks.json", "/realms/vard/legitimera/app/v1/proof");
            SignedJWT proof = SignedJWT.parse((String) realm.proofs.getFirst().get("proof"));
            assertThat(proof.getJWTClaimsSet().getAudience())
                    .containsExactly("https://127.0.0.1:" + realm.origin.port() + "/realms/vard/legitimera");
        }
    }

    @Test
    void whenOnlyAnotherServiceUrlOfTheHostIsAllowed_thenNothingIsSent() throws Exception {
        try (FakeService realm = new FakeService(tls, "/realms/vard/legitimera");
             OobClient client = OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(tlsCa.certificate())
                     .withAllowedOrigin(new ServiceOrigin("127.0.0.1", realm.origin.port(), "/realms/other/legitimera"))
                     .withoutProxy().build()) {
            assertThatThrownBy(() -> client.fetchOrder(realm.link())).isInstanceOf(OriginNotAllowedException.class);
            assertThat(realm.requests).isEmpty();
        }
    }

    @Test
    void whenExactlyThisServiceUrlIsAllowed_thenFetchSucceeds() throws Exception {
        try (FakeService realm = new FakeService(tls, "/realms/vard/legitimera");
             OobClient client = OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(tlsCa.certificate())
                     .withAllowedOrigin(realm.origin).withoutProxy().build()) {
            assertThat(client.fetchOrder(realm.link()).orderRef()).isEqualTo("order-1");
        }
    }

    @Test
    void whenAnOrderOfAPathServiceNamesTheBareOriginAsIssuer_thenItIsRefused() throws Exception {
        try (FakeService realm = new FakeService(tls, "/realms/vard/legitimera");
             OobClient client = OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(tlsCa.certificate())
                     .withAllowedOrigin(realm.origin.origin()).withoutProxy().build()) {
            AutoStartLink atRoot = new AutoStartLink(realm.origin.origin(), FakeService.TOKEN);
            assertThatThrownBy(() -> client.fetchOrder(atRoot)).isInstanceOf(OobException.class);
            assertThat(realm.requests).containsExactly("/app/v1/order"); // answered 404 outside the service path
        }
    }

    @Test
    void whenCardKeyIsEc_thenProofIsEs256BoundToTheOrder() throws Exception {
        KeyPair keys = TestCertificates.ecKeys();
        try (OobClient client = trusting().build()) {
            Order order = client.fetchOrder(service.link());
            client.complete(order, signer(keys, null));
        }
        assertThat(service.proofs).hasSize(1);
        assertThat(service.proofs.getFirst()).containsEntry("autoStartToken", FakeService.TOKEN);
        SignedJWT proof = SignedJWT.parse((String) service.proofs.getFirst().get("proof"));
        assertThat(proof.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(proof.getHeader().getX509CertChain()).hasSize(2);
        assertThat(proof.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
        assertThat(proof.getJWTClaimsSet().getAudience()).containsExactly(service.origin.toString());
        assertThat(proof.getJWTClaimsSet().getStringClaim("orderRef")).isEqualTo("order-1");
        assertThat(proof.getJWTClaimsSet().getStringClaim("challenge")).isEqualTo("Y2hhbGxlbmdlY2hhbGxlbmdlY2hhbGxlbmdl");
        assertThat(proof.getJWTClaimsSet().getStringClaim("origin")).isEqualTo("https://journal.example:443");
    }

    @Test
    void whenCardKeyIsRsaAndPssIsConfigured_thenProofIsPs256() throws Exception {
        KeyPair keys = TestCertificates.rsaKeys();
        try (OobClient client = trusting().withRsaAlgorithm(ProofAlgorithm.PS256).build()) {
            client.complete(client.fetchOrder(service.link()), signer(keys, null));
        }
        SignedJWT proof = SignedJWT.parse((String) service.proofs.getFirst().get("proof"));
        assertThat(proof.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(proof.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
    }

    @Test
    void whenUserCancels_thenCancelIsPostedWithTheHint() throws Exception {
        try (OobClient client = trusting().build()) {
            client.cancel(client.fetchOrder(service.link()), CancelReason.USER_CANCEL);
        }
        assertThat(service.requests).contains("/app/v1/cancel");
    }

    @Test
    void whenExplicitProxyIsConfigured_thenRequestsTunnelThroughItAndPinsStillHold() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy()) {
            try (OobClient client = trusting().withProxy(proxy.address())
                    .withPinnedKeys(service.origin, Set.of(SpkiPin.of(tls.certificate().getPublicKey()))).build()) {
                assertThat(client.fetchOrder(service.link()).rpName()).isEqualTo("Journalen");
            }
            assertThat(proxy.tunnels).contains("127.0.0.1:" + service.origin.port());
            SpkiPin otherKey = SpkiPin.of(TestCertificates.ecKeys().getPublic());
            try (OobClient client = trusting().withProxy(proxy.address()).withPinnedKeys(service.origin, Set.of(otherKey)).build()) {
                assertThatThrownBy(() -> client.fetchOrder(service.link())).isInstanceOf(TlsInterceptionDetectedException.class);
            }
        }
    }

    @Test
    void whenNoOriginIsAllowed_thenBuildFails() {
        assertThatThrownBy(() -> OobClient.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
