package se.legitimera.devkit.oob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.CancelReason;
import se.legitimera.oob.HintCode;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobException;
import se.legitimera.oob.Order;
import se.legitimera.oob.OrderExpiredException;
import se.legitimera.oob.OrderSignatureInvalidException;
import se.legitimera.oob.OriginNotAllowedException;
import se.legitimera.oob.PollSession;
import se.legitimera.oob.ProofRejectedException;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.ServiceCheck;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.SpkiPin;
import se.legitimera.oob.TlsInterceptionDetectedException;

/** The OOB login end to end on loopback: RP, reference service, OCSP responder, the app's client and a card. */
class OobStackIT {

    private static final String HSA_ID = "TSTNMT2321000156-1024";
    private OobStack stack;
    private SoftwareCard card;

    @TempDir
    static Path pkiFolder;

    @BeforeEach
    void start() throws Exception {
        stack = new OobStack(pkiFolder);
        card = stack.card(HSA_ID, "Tolvan", "Tolvansson");
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private Map<String, Object> startOrder() throws Exception {
        return stack.rp.auth(Map.of("rpName", "Journalen", "message", "Logga in i journalen", "requestedLoa", 3));
    }

    private String hint(Map<String, Object> auth) throws Exception {
        return (String) stack.rp.collect(auth.get("orderRef")).get("hintCode");
    }

    @Test
    @DisplayName("RP starts an order, the app completes it with the card, collect returns the holder and a proof that verifies")
    void whenCardSigns_thenCollectIsCompleteWithHolderAndVerifiableProof() throws Exception {
        Map<String, Object> auth = startOrder();
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(OobStack.link(auth));
            assertThat(order.rpName()).isEqualTo("Journalen");
            assertThat(order.message()).contains("Logga in i journalen");
            assertThat(hint(auth)).isEqualTo("userSign");
            client.complete(order, card.withPin("123456".toCharArray()));
        }
        Map<String, Object> collected = stack.rp.collect(auth.get("orderRef"));
        assertThat(collected).containsEntry("status", "complete");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) collected.get("completionData");
        assertThat(data).containsEntry("hsaId", HSA_ID).containsEntry("name", "Tolvan Tolvansson");
        assertThat(((Number) data.get("trustLevel")).intValue()).isEqualTo(3);
        SignedJWT proof = SignedJWT.parse((String) data.get("signature"));
        var certificate = X509CertUtils.parse(java.util.Base64.getDecoder().decode((String) data.get("certificate")));
        assertThat(proof.verify(new ECDSAVerifier((ECPublicKey) certificate.getPublicKey()))).isTrue();
        assertThat(proof.getJWTClaimsSet().getStringClaim("orderRef")).isEqualTo(auth.get("orderRef"));
        assertThat(proof.getJWTClaimsSet().getAudience()).containsExactly(stack.service.origin().toString());
    }

    @Test
    @DisplayName("wrong PIN: nothing is posted, the order stays pending (userSign) until it expires")
    void whenPinIsWrong_thenOrderStaysPendingUntilExpiry() throws Exception {
        Map<String, Object> auth = startOrder();
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(OobStack.link(auth));
            assertThatThrownBy(() -> client.complete(order, card.withPin("000000".toCharArray())))
                    .isInstanceOf(ProofSigningException.class)
                    .satisfies(e -> assertThat(((ProofSigningException) e).reason()).isEqualTo(ProofSigningException.Reason.WRONG_PIN));
        }
        assertThat(card.signatures).hasValue(0);
        assertThat(stack.rp.collect(auth.get("orderRef"))).containsEntry("status", "pending").containsEntry("hintCode", "userSign");
        stack.serviceClock.advance(Duration.ofSeconds(121));
        assertThat(stack.rp.collect(auth.get("orderRef"))).containsEntry("status", "failed").containsEntry("hintCode", "expiredTransaction");
    }

    @Test
    @DisplayName("blocked PIN: nothing is signed, the app gives up the order and the RP sees pinBlocked")
    void whenPinIsBlocked_thenNothingIsSignedAndCollectSaysPinBlocked() throws Exception {
        Map<String, Object> auth = startOrder();
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(OobStack.link(auth));
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> client.complete(order, card.withPin("000000".toCharArray())))
                        .isInstanceOf(ProofSigningException.class);
            }
            assertThatThrownBy(() -> client.complete(order, card.withPin("123456".toCharArray())))
                    .isInstanceOf(ProofSigningException.class)
                    .satisfies(e -> assertThat(((ProofSigningException) e).reason()).isEqualTo(ProofSigningException.Reason.PIN_BLOCKED));
            client.cancel(order, CancelReason.PIN_BLOCKED);
        }
        assertThat(card.signatures).hasValue(0);
        assertThat(stack.rp.collect(auth.get("orderRef"))).containsEntry("status", "failed").containsEntry("hintCode", "pinBlocked");
    }

    @Test
    void whenUserCancels_thenCollectSaysUserCancel() throws Exception {
        Map<String, Object> auth = startOrder();
        try (OobClient client = stack.client().build()) {
            client.cancel(client.fetchOrder(OobStack.link(auth)), CancelReason.USER_CANCEL);
        }
        assertThat(stack.rp.collect(auth.get("orderRef"))).containsEntry("status", "failed").containsEntry("hintCode", "userCancel");
        assertThat(card.signatures).hasValue(0);
    }

    @Test
    void whenOrderExpiredBeforeTheAppFetchedIt_thenExpiredAndStartFailed() throws Exception {
        Map<String, Object> auth = startOrder();
        stack.serviceClock.advance(Duration.ofSeconds(130));
        try (OobClient client = stack.client().build()) {
            assertThatThrownBy(() -> client.fetchOrder(OobStack.link(auth))).isInstanceOf(OrderExpiredException.class)
                    .satisfies(e -> assertThat(((OobException) e).hintCode()).contains(HintCode.START_FAILED));
        }
        assertThat(hint(auth)).isEqualTo("startFailed");
        assertThat(card.signatures).hasValue(0);
    }

    @Test
    void whenOrderIsNotSignedByTheServicesKey_thenItIsNotShownAndNothingIsSigned() throws Exception {
        Map<String, Object> auth = startOrder();
        JWKSet forged = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID(
                stack.service.orderSigningKeys().getKeys().getFirst().getKeyID()).generate().toPublicJWK());
        try (OobClient client = stack.client().withOrderSigningKeys(stack.service.origin(), forged).build()) {
            assertThatThrownBy(() -> client.fetchOrder(OobStack.link(auth))).isInstanceOf(OrderSignatureInvalidException.class);
        }
        assertThat(card.signatures).hasValue(0);
    }

    @Test
    void whenServiceOriginIsNotAllowed_thenNothingReachesTheService() throws Exception {
        Map<String, Object> auth = startOrder();
        try (OobClient client = OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(stack.pki.rootCertificate())
                .withAllowedOrigin(ServiceOrigin.parse("https://idp.example")).withoutProxy().build()) {
            assertThatThrownBy(() -> client.fetchOrder(OobStack.link(auth))).isInstanceOf(OriginNotAllowedException.class);
        }
        assertThat(hint(auth)).isEqualTo("outstandingTransaction");
        assertThat(card.signatures).hasValue(0);
    }

    @Test
    void whenServiceKeyDoesNotMatchThePin_thenTlsInterceptionDetectedAndNothingReachesTheService() throws Exception {
        Map<String, Object> auth = startOrder();
        SpkiPin other = SpkiPin.of(OobStack.ecKeys().getPublic());
        try (OobClient client = stack.client().withPinnedKeys(stack.service.origin(), Set.of(other)).build()) {
            assertThatThrownBy(() -> client.fetchOrder(OobStack.link(auth))).isInstanceOf(TlsInterceptionDetectedException.class);
        }
        assertThat(hint(auth)).isEqualTo("outstandingTransaction");
        assertThat(card.signatures).hasValue(0);
    }

    @Test
    void theDiagnosticCheck_tellsPinnedUnpinnedInterceptedUntrustedUnreachableAndNotAllowedApart() throws Exception {
        ServiceOrigin origin = stack.service.origin();
        SpkiPin right = SpkiPin.of(stack.tls.certificate().getPublicKey());
        SpkiPin other = SpkiPin.of(OobStack.ecKeys().getPublic());
        try (OobClient pinned = stack.client().withPinnedKeys(origin, Set.of(right)).build();
             OobClient unpinned = stack.client().build();
             OobClient intercepted = stack.client().withPinnedKeys(origin, Set.of(other)).build();
             OobClient untrusting = OobClient.builder().withAllowedOrigin(origin).withoutProxy().build()) {
            assertThat(pinned.check(origin).outcome()).isEqualTo(ServiceCheck.Outcome.REACHED_PIN_MATCHED);
            assertThat(unpinned.check(origin).outcome()).isEqualTo(ServiceCheck.Outcome.REACHED_NOT_PINNED);
            assertThat(intercepted.check(origin).outcome()).isEqualTo(ServiceCheck.Outcome.PIN_MISMATCH);
            assertThat(untrusting.check(origin).outcome()).isEqualTo(ServiceCheck.Outcome.CERTIFICATE_UNTRUSTED);
            assertThat(unpinned.check(ServiceOrigin.parse("https://idp.example")).outcome())
                    .isEqualTo(ServiceCheck.Outcome.NOT_ALLOWED);
        }
        ServiceOrigin closed;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = ServiceOrigin.parse("https://127.0.0.1:" + free.getLocalPort());
        }
        try (OobClient down = stack.client().withAllowedOrigin(closed).build()) {
            ServiceCheck check = down.check(closed);
            assertThat(check.outcome()).isEqualTo(ServiceCheck.Outcome.UNREACHABLE);
            assertThat(check.detail()).isNotBlank();
        }
    }

    @Test
    void whenServiceKeyMatchesThePin_thenLoginCompletes() throws Exception {
        Map<String, Object> auth = startOrder();
        SpkiPin pin = SpkiPin.of(stack.tls.certificate().getPublicKey());
        try (OobClient client = stack.client().withPinnedKeys(stack.service.origin(), Set.of(pin)).build()) {
            client.complete(client.fetchOrder(OobStack.link(auth)), card.withPin("123456".toCharArray()));
        }
        assertThat(stack.rp.collect(auth.get("orderRef"))).containsEntry("status", "complete");
    }

    @Test
    @DisplayName("a proof is accepted once: replayed to its own order or to another order it is refused")
    void whenProofIsReplayed_thenItIsRefusedAndTheOtherOrderStaysPending() throws Exception {
        Map<String, Object> first = startOrder();
        try (OobClient client = stack.client().build()) {
            client.complete(client.fetchOrder(OobStack.link(first)), card.withPin("123456".toCharArray()));
        }
        @SuppressWarnings("unchecked")
        String proof = (String) ((Map<String, Object>) stack.rp.collect(first.get("orderRef")).get("completionData")).get("signature");
        String firstToken = OobStack.link(first).autoStartToken();
        RpClient.Reply again = stack.rp.post("/app/v1/proof", Map.of("autoStartToken", firstToken, "proof", proof));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).containsEntry("errorCode", "alreadyCompleted");

        Map<String, Object> second = stack.rp.auth(Map.of("rpName", "Journalen"));
        AutoStartLink secondLink = OobStack.link(second);
        RpClient.Reply forOther = stack.rp.post("/app/v1/proof", Map.of("autoStartToken", secondLink.autoStartToken(), "proof", proof));
        assertThat(forOther.status()).isEqualTo(400);
        assertThat(forOther.body()).containsEntry("errorCode", "proofRejected");
        assertThat(stack.rp.collect(second.get("orderRef"))).containsEntry("status", "pending");
    }

    @Test
    void whenProofNamesAnotherOrder_thenRefusedAndBothOrdersStayPending() throws Exception {
        Map<String, Object> a = startOrder();
        Map<String, Object> b = stack.rp.auth(Map.of("rpName", "Journalen"));
        try (OobClient client = stack.client().build()) {
            Order orderA = client.fetchOrder(OobStack.link(a));
            Order orderB = client.fetchOrder(OobStack.link(b));
            // The proof for A, posted with B's token: exactly what a relay of A's proof to B would be.
            Order crossed = new Order(orderB.link(), orderA.orderRef(), orderA.rpName(), orderA.rpOrigin(), orderA.message(),
                    orderA.challenge(), orderA.requestedLoa(), orderA.hsaId(), orderA.issuedAt(), orderA.expiresAt());
            assertThatThrownBy(() -> client.complete(crossed, card.withPin("123456".toCharArray())))
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("another order");
        }
        assertThat(stack.rp.collect(a.get("orderRef"))).containsEntry("status", "pending");
        assertThat(stack.rp.collect(b.get("orderRef"))).containsEntry("status", "pending");
    }

    @Test
    void whenCertificateIsRevoked_thenOcspRefusesItWithCertificateErr() throws Exception {
        SoftwareCard revoked = stack.card(HSA_ID, "Tolvan", "Tolvansson");
        stack.pki.revoke(revoked.leaf().getSerialNumber());
        Map<String, Object> auth = startOrder();
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(OobStack.link(auth));
            assertThatThrownBy(() -> client.complete(order, revoked.withPin("123456".toCharArray())))
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("revoked")
                    .satisfies(e -> assertThat(((OobException) e).hintCode()).contains(HintCode.CERTIFICATE_ERR));
        }
        assertThat(stack.rp.collect(auth.get("orderRef"))).containsEntry("status", "failed").containsEntry("hintCode", "certificateErr");
    }

    @Test
    void whenCertificateIsFromAnUntrustedRoot_thenCertificateErr(@TempDir Path otherFolder) throws Exception {
        TestPki other = TestPki.builder().withFolder(otherFolder).openOrCreate(); // same names, other keys
        SoftwareCard foreign = OobStack.cardFrom(other, HSA_ID, "Tolvan", "Tolvansson");
        Map<String, Object> auth = startOrder();
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(OobStack.link(auth));
            assertThatThrownBy(() -> client.complete(order, foreign.withPin("123456".toCharArray())))
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("trusted root");
        }
        assertThat(hint(auth)).isEqualTo("certificateErr");
    }

    @Test
    void whenTrustLevelIsBelowTheRequest_thenCertificateErr() throws Exception {
        TestPki loa2Issuer = TestPki.builder().withFolder(pkiFolder).withLevelOfAssurancePolicy(OobStack.TEST_LOA2_POLICY_OID).openOrCreate();
        SoftwareCard loa2 = OobStack.cardFrom(loa2Issuer, HSA_ID, "Tolvan", "Tolvansson");
        Map<String, Object> auth = startOrder();
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(OobStack.link(auth));
            assertThatThrownBy(() -> client.complete(order, loa2.withPin("123456".toCharArray())))
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("trust level");
        }
        assertThat(hint(auth)).isEqualTo("certificateErr");
    }

    @Test
    void whenKeyIsTheSignatureKey_thenCertificateErr() throws Exception {
        SoftwareCard signatureKey = stack.signatureKeyCard(HSA_ID);
        Map<String, Object> auth = startOrder();
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(OobStack.link(auth));
            assertThatThrownBy(() -> client.complete(order, signatureKey.withPin("123456".toCharArray())))
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("identification");
        }
    }

    @Test
    void whenANewOrderForTheSameHsaIdStarts_thenTheOldOneIsCancelled() throws Exception {
        Map<String, Object> first = stack.rp.auth(Map.of("rpName", "Journalen", "hsaId", HSA_ID));
        Map<String, Object> second = stack.rp.auth(Map.of("rpName", "NPÖ", "hsaId", HSA_ID));
        assertThat(stack.rp.collect(first.get("orderRef"))).containsEntry("status", "failed").containsEntry("hintCode", "cancelled");
        assertThat(stack.rp.collect(second.get("orderRef"))).containsEntry("status", "pending");
    }

    @Test
    void whenRpCancels_thenTheAppCannotCompleteAnymore() throws Exception {
        Map<String, Object> auth = startOrder();
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(OobStack.link(auth));
            stack.rp.post("/rp/v1/cancel", Map.of("orderRef", auth.get("orderRef")));
            assertThatThrownBy(() -> client.complete(order, card.withPin("123456".toCharArray())))
                    .isInstanceOf(se.legitimera.oob.OrderCancelledException.class);
        }
        assertThat(hint(auth)).isEqualTo("cancelled");
    }

    @Test
    @DisplayName("VDI: with a card-signed poll session the app receives an order addressed to its HSA-id and completes it")
    void whenOrderIsAddressedToThePollingHolder_thenTheAppReceivesAndCompletesIt() throws Exception {
        try (OobClient client = stack.client().build()) {
            PollSession session = client.openPollSession(stack.service.origin(), card.withPin("123456".toCharArray()));
            assertThat(session.hsaId()).isEqualTo(HSA_ID);
            assertThat(client.awaitOrder(session, Duration.ofMillis(200)).order()).isEmpty();
            Thread rp = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(200);
                    stack.rp.auth(Map.of("rpName", "Journalen", "hsaId", HSA_ID));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            AutoStartLink link = client.awaitOrder(session, Duration.ofSeconds(10)).order().orElseThrow();
            rp.join();
            Order order = client.fetchOrder(link);
            assertThat(order.hsaId()).contains(HSA_ID);
            client.complete(order, card.withPin("123456".toCharArray()));
            assertThat(stack.rp.collect(order.orderRef())).containsEntry("status", "complete");
        }
    }

    @Test
    void whenOrderIsAddressedToSomeoneElse_thenTheCardCannotCompleteIt() throws Exception {
        Map<String, Object> auth = stack.rp.auth(Map.of("rpName", "Journalen", "hsaId", "TSTNMT2321000156-9999"));
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(OobStack.link(auth));
            assertThatThrownBy(() -> client.complete(order, card.withPin("123456".toCharArray())))
                    .isInstanceOf(ProofRejectedException.class).hasMessageContaining("another HSA-id");
        }
    }
}
