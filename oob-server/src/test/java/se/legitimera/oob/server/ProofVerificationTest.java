package se.legitimera.oob.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * Every check of docs/oob-protocol.md section 4.3, each refusal with a certificate or proof made for it,
 * and the four proof algorithms accepted.
 */
class ProofVerificationTest {

    private final Service service = new Service();

    // ---- accepted --------------------------------------------------------------------------------------

    @Test
    void anEs256ProofFromAP256Card_completesTheOrderWithTheHolder() throws Exception {
        assertCompletes(service, Pki.leaf().key("EC-256"), "ES256");
    }

    @Test
    void anEs384ProofFromAP384Card_isAccepted() throws Exception {
        assertCompletes(service, Pki.leaf().key("EC-384"), "ES384");
    }

    @Test
    void anRs256ProofFromAnRsaCard_isAccepted() throws Exception {
        assertCompletes(service, Pki.leaf().key("RSA-2048").usage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment),
                "RS256");
    }

    @Test
    void aPs256ProofFromAnRsaCard_isAccepted() throws Exception {
        assertCompletes(service, Pki.leaf().key("RSA-2048"), "PS256");
    }

    private static void assertCompletes(Service service, Pki.Leaf spec, String alg) throws Exception {
        OrderRecord order = service.order();
        Card card = service.pki.card(spec);
        String proof = card.sign("legitimera-proof+jwt", alg, claims(order, Service.URL, service).build());

        Verdict verdict = service.server.submitProof(order.autoStartToken(), proof);

        assertThat(verdict).isInstanceOf(Verdict.Completed.class);
        Completion completion = ((Verdict.Completed) verdict).completion();
        assertThat(completion.hsaId()).isEqualTo(Pki.HSA_ID);
        assertThat(completion.name()).isEqualTo("Tolvan Tolvansson");
        assertThat(completion.trustLevel()).hasValue(3);
        assertThat(completion.certificate()).isEqualTo(card.certificate());
        assertThat(completion.chain()).containsExactly(card.certificate(), service.pki.issuing, service.pki.root);
        assertThat(completion.proof()).isEqualTo(proof);
        assertThat(completion.signedAt()).isEqualTo(service.clock.instant());
        OrderRecord after = service.server.collect(order.orderRef());
        assertThat(after.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(after.hint()).isEmpty();
    }

    @Test
    void aPersonalIdentityNumberInTheCertificate_reachesTheCompletionAndIsMaskedInItsText() throws Exception {
        Card card = service.pki.card(Pki.leaf().personalIdentityNumber("191212121212"));
        Verdict verdict = service.prove(service.order(), card);
        assertThat(verdict).as(verdict::toString).isInstanceOf(Verdict.Completed.class);
        Completion completion = ((Verdict.Completed) verdict).completion();
        assertThat(completion.personalIdentityNumber()).hasValueSatisfying(p -> {
            assertThat(p.digits()).isEqualTo("191212121212");
            assertThat(p.toString()).isEqualTo("19121212-****");
        });
        assertThat(completion.toString()).doesNotContain("1212121212");
        OrderRecord stored = OrderRecords.fromMap(OrderRecords.toMap(((Verdict.Completed) verdict).order()));
        assertThat(stored.completion().orElseThrow().personalIdentityNumber()).isEqualTo(completion.personalIdentityNumber());
    }

    static JWTClaimsSet.Builder claims(OrderRecord order, String aud, Service service) {
        return new JWTClaimsSet.Builder().claim("ver", "1").claim("orderRef", order.orderRef())
                .claim("challenge", order.challenge()).audience(aud).claim("origin", order.rpOrigin())
                .issueTime(Date.from(service.clock.instant())).jwtID(UUID.randomUUID().toString());
    }

    // ---- the certificate: the order fails with certificateErr ------------------------------------------

    @Test
    void anExpiredCertificate_isRefusedAndFailsTheOrder() throws Exception {
        Card card = service.pki.card(Pki.leaf().valid(Duration.ofDays(-400), Duration.ofDays(-1)));
        assertCertificateRefused(CertificateExpiredException.class, card);
    }

    @Test
    void aCertificateNotYetValid_isRefused() throws Exception {
        Card card = service.pki.card(Pki.leaf().valid(Duration.ofDays(1), Duration.ofDays(400)));
        assertCertificateRefused(CertificateNotYetValidException.class, card);
    }

    @Test
    void aCertificateRevokedByOcsp_isRefused() throws Exception {
        Card card = service.pki.card();
        service.ocsp.revoke(card.certificate());
        assertCertificateRefused(CertificateRevokedException.class, card);
    }

    @Test
    void aCertificateTheResponderDoesNotKnow_isRefused() throws Exception {
        Card card = service.pki.card();
        service.ocsp.forget(card.certificate());
        assertCertificateRefused(RevocationUnknownException.class, card);
    }

    @Test
    void whenOcspIsUnreachable_failClosedRefuses() throws Exception {
        Card card = service.pki.card();
        service.ocsp.unreachable();
        assertCertificateRefused(RevocationUnknownException.class, card);
        assertThat(service.ocsp.requests()).isEqualTo(1);
    }

    @Test
    void whenOcspIsUnreachable_failOpenAccepts() throws Exception {
        Service failOpen = new Service(b -> b.withOcspMode(OcspMode.FAIL_OPEN));
        failOpen.ocsp.unreachable();
        OrderRecord order = failOpen.order();
        assertThat(failOpen.prove(order, failOpen.pki.card())).isInstanceOf(Verdict.Completed.class);
        assertThat(failOpen.ocsp.requests()).isEqualTo(1);
    }

    @Test
    void failOpen_stillRefusesARevokedCertificate() throws Exception {
        Service failOpen = new Service(b -> b.withOcspMode(OcspMode.FAIL_OPEN));
        Card card = failOpen.pki.card();
        failOpen.ocsp.revoke(card.certificate());
        Verdict verdict = failOpen.prove(failOpen.order(), card);
        assertThat(((Verdict.Refused) verdict).refusal()).isInstanceOf(CertificateRevokedException.class);
    }

    @Test
    void withOcspOff_theResponderIsNotAsked() throws Exception {
        Service off = new Service(b -> b.withOcspMode(OcspMode.OFF));
        Card card = off.pki.card();
        off.ocsp.revoke(card.certificate());
        assertThat(off.prove(off.order(), card)).isInstanceOf(Verdict.Completed.class);
        assertThat(off.ocsp.requests()).isZero();
    }

    @Test
    void anOcspAnswerIsCached_andAskedAgainAfterTheCacheLifetime() throws Exception {
        Card card = service.pki.card();
        assertThat(service.prove(service.order(), card)).isInstanceOf(Verdict.Completed.class);
        assertThat(service.prove(service.order(), card)).isInstanceOf(Verdict.Completed.class);
        assertThat(service.ocsp.requests()).isEqualTo(1);
        service.clock.advance(Duration.ofMinutes(6));
        assertThat(service.prove(service.order(), card)).isInstanceOf(Verdict.Completed.class);
        assertThat(service.ocsp.requests()).isEqualTo(2);
    }

    @Test
    void aCertificateFromAnUntrustedRoot_isRefused() throws Exception {
        Pki other = new Pki(Service.NOW, "Other");
        assertCertificateRefused(UntrustedCertificateException.class, other.card());
    }

    @Test
    void aMissingIntermediate_isCompletedFromTheConfiguration() throws Exception {
        Service configured = new Service((pki, builder) -> builder.withIntermediateCertificate(pki.issuing));
        Card leafOnly = configured.pki.card().sending(List.of(configured.pki.card().certificate()));
        Card card = configured.pki.card();
        Card realCard = card.sending(List.of(card.certificate())); // a SITHS card carries only its own certificate

        Verdict verdict = configured.prove(configured.order(), realCard);

        assertThat(verdict).isInstanceOf(Verdict.Completed.class);
        assertThat(((Verdict.Completed) verdict).completion().chain())
                .containsExactly(card.certificate(), configured.pki.issuing, configured.pki.root);
        assertThat(leafOnly.x5c()).hasSize(1);
    }

    @Test
    void aMissingIntermediateThatTheConfigurationLacks_isRefused() throws Exception {
        Card card = service.pki.card();
        assertCertificateRefused(UntrustedCertificateException.class, card.sending(List.of(card.certificate())));
    }

    @Test
    void theSignatureKeyInsteadOfTheIdentificationKey_isRefused() throws Exception {
        Card card = service.pki.card(Pki.leaf().usage(KeyUsage.nonRepudiation));
        assertCertificateRefused(WrongKeyUsageException.class, card);
    }

    @Test
    void aCertificateWithoutDigitalSignature_isRefused() throws Exception {
        Card card = service.pki.card(Pki.leaf().usage(KeyUsage.keyEncipherment));
        assertCertificateRefused(WrongKeyUsageException.class, card);
    }

    @Test
    void aCertificateWithoutHsaId_isRefused() throws Exception {
        Card card = service.pki.card(Pki.leaf().subject("CN=Tolvan Tolvansson,O=Region Test,C=SE"));
        assertCertificateRefused(MissingHsaIdException.class, card);
    }

    @Test
    void aTrustLevelBelowTheRequest_isRefused() throws Exception {
        OrderRecord order = service.order(OrderRequest.builder("RP").withRequestedLoa(3));
        Verdict verdict = service.prove(order, service.pki.card(Pki.leaf().policies(Pki.LOA2_OID)));
        assertFailsOrder(order, verdict, TrustLevelTooLowException.class);
    }

    @Test
    void anUnknownTrustLevel_isRefusedWhenALevelIsRequested() throws Exception {
        OrderRecord order = service.order(OrderRequest.builder("RP").withRequestedLoa(2));
        Verdict verdict = service.prove(order, service.pki.card(Pki.leaf().policies("1.2.3.4")));
        assertFailsOrder(order, verdict, TrustLevelTooLowException.class);
    }

    @Test
    void aTrustLevelThatReachesTheRequest_isAccepted() throws Exception {
        OrderRecord order = service.order(OrderRequest.builder("RP").withRequestedLoa(2));
        Verdict verdict = service.prove(order, service.pki.card(Pki.leaf().policies(Pki.LOA2_OID, Pki.LOA3_OID)));
        assertThat(((Verdict.Completed) verdict).completion().trustLevel()).hasValue(3);
    }

    private void assertCertificateRefused(Class<? extends CertificateRefusedException> expected, Card card)
            throws Exception {
        OrderRecord order = service.order();
        assertFailsOrder(order, service.prove(order, card), expected);
    }

    private void assertFailsOrder(OrderRecord order, Verdict verdict, Class<? extends CertificateRefusedException> expected)
            throws Exception {
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        Verdict.Refused refused = (Verdict.Refused) verdict;
        assertThat(refused.refusal()).isInstanceOf(expected);
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.PROOF_REJECTED);
        assertThat(refused.hintCode()).contains(HintCode.CERTIFICATE_ERR);
        assertThat(refused.reason()).isNotBlank();
        OrderRecord after = service.server.collect(order.orderRef());
        assertThat(after.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(after.hint()).contains(HintCode.CERTIFICATE_ERR);
        assertThat(refused.order()).contains(after);
    }

    // ---- the request: refused, the order stays pending ---------------------------------------------------

    @Test
    void aReplayedJti_isRefused() throws Exception {
        OrderRecord order = service.order(OrderRequest.builder("RP").withHsaId(Pki.HSA_ID));
        Card stranger = service.pki.card(Pki.leaf().subject("CN=Other,SERIALNUMBER=TSTNMT2321000156-9999,C=SE"));
        String jti = UUID.randomUUID().toString();
        Verdict first = service.server.submitProof(order.autoStartToken(),
                stranger.proof(order, Service.URL, service.clock.instant(), c -> c.jwtID(jti)));
        assertThat(((Verdict.Refused) first).refusal()).isInstanceOf(HsaIdMismatchException.class);

        Verdict replay = service.server.submitProof(order.autoStartToken(),
                service.pki.card().proof(order, Service.URL, service.clock.instant(), c -> c.jwtID(jti)));

        assertStaysPending(order, replay, ReplayedProofException.class);
    }

    @Test
    void theSameProofPostedTwice_isRefusedTheSecondTime() throws Exception {
        OrderRecord order = service.order(OrderRequest.builder("RP").withHsaId("TSTNMT2321000156-0001"));
        String proof = service.pki.card().proof(order, Service.URL, service.clock.instant());
        assertThat(((Verdict.Refused) service.server.submitProof(order.autoStartToken(), proof)).refusal())
                .isInstanceOf(HsaIdMismatchException.class);
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof),
                ReplayedProofException.class);
    }

    @Test
    void aProofWithoutJti_isRefused() throws Exception {
        OrderRecord order = service.order();
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(),
                service.pki.card().proof(order, Service.URL, service.clock.instant(), c -> c.jwtID(null))),
                ReplayedProofException.class);
    }

    @Test
    void anIatBeforeTheOrdersCreation_isRefused() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().proof(order, Service.URL, order.createdAt().minusSeconds(31));
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof),
                IssuedAtOutOfWindowException.class);
    }

    @Test
    void anIatInTheFuture_isRefused() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().proof(order, Service.URL, service.clock.instant().plusSeconds(31));
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof),
                IssuedAtOutOfWindowException.class);
    }

    @Test
    void anIatWithinTheSkew_isAccepted() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().proof(order, Service.URL, service.clock.instant().plusSeconds(29));
        assertThat(service.server.submitProof(order.autoStartToken(), proof)).isInstanceOf(Verdict.Completed.class);
    }

    @Test
    void aProofForAnotherAudience_isRefused() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().proof(order, "https://phishing.test:443", service.clock.instant());
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof),
                WrongAudienceException.class);
    }

    @Test
    void aProofForAnotherRealmOfTheSameHost_isRefused() throws Exception {
        Service realm = new Service(b -> b.withServiceUrl("https://idp.test/realms/vard/legitimera"));
        OrderRecord order = realm.order();
        Verdict verdict = realm.server.submitProof(order.autoStartToken(),
                realm.pki.card().proof(order, "https://idp.test:443/realms/other/legitimera", realm.clock.instant()));
        assertThat(((Verdict.Refused) verdict).refusal()).isInstanceOf(WrongAudienceException.class);
        assertThat(realm.server.submitProof(order.autoStartToken(), realm.pki.card().proof(order,
                "https://idp.test:443/realms/vard/legitimera", realm.clock.instant()))).isInstanceOf(Verdict.Completed.class);
    }

    @Test
    void aProofForAnotherRpOrigin_isRefused() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().proof(order, Service.URL, service.clock.instant(),
                c -> c.claim("origin", "https://evil.test:443"));
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof),
                WrongOriginException.class);
    }

    @Test
    void aProofOfAnotherChallenge_isRefused() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().proof(order, Service.URL, service.clock.instant(),
                c -> c.claim("challenge", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof),
                WrongChallengeException.class);
    }

    @Test
    void aProofForAnotherOrder_isRefusedAndBothOrdersStayPending() throws Exception {
        OrderRecord mine = service.order();
        OrderRecord other = service.order();
        String proofForOther = service.pki.card().proof(other, Service.URL, service.clock.instant());
        assertStaysPending(mine, service.server.submitProof(mine.autoStartToken(), proofForOther),
                WrongOrderException.class);
        assertThat(service.server.collect(other.orderRef()).pending()).isTrue();
    }

    @Test
    void aProofFromAnotherHolderThanTheOrderIsAddressedTo_isRefused() throws Exception {
        OrderRecord order = service.order(OrderRequest.builder("RP").withHsaId("TSTNMT2321000156-0002"));
        assertStaysPending(order, service.prove(order, service.pki.card()), HsaIdMismatchException.class);
    }

    @Test
    void aProofFromTheHolderTheOrderIsAddressedTo_isAccepted() throws Exception {
        OrderRecord order = service.order(OrderRequest.builder("RP").withHsaId(Pki.HSA_ID));
        assertThat(service.prove(order, service.pki.card())).isInstanceOf(Verdict.Completed.class);
    }

    @Test
    void anEs384HeaderOnAP256Key_isRefused() throws Exception {
        assertAlgorithmRefused("EC-256", "ES384", "ES384", AlgorithmMismatchException.class);
    }

    @Test
    void anEs256HeaderOnAP384Key_isRefused() throws Exception {
        assertAlgorithmRefused("EC-384", "ES256", "ES256", AlgorithmMismatchException.class);
    }

    @Test
    void anRsaAlgorithmOnAnEcKey_isRefused() throws Exception {
        assertAlgorithmRefused("EC-256", "RS256", "ES256", AlgorithmMismatchException.class);
    }

    @Test
    void anEcAlgorithmOnAnRsaKey_isRefused() throws Exception {
        assertAlgorithmRefused("RSA-2048", "ES256", "RS256", AlgorithmMismatchException.class);
    }

    @Test
    void anAlgorithmOutsideTheProtocol_isRefused() throws Exception {
        assertAlgorithmRefused("RSA-2048", "RS512", "RS256", UnsupportedAlgorithmException.class);
    }

    /** A proof from a card with a {@code keyType} key whose header names {@code headerAlg}, signed by {@code signAlg}. */
    private void assertAlgorithmRefused(String keyType, String headerAlg, String signAlg,
                                        Class<? extends ProofRefusedException> expected) throws Exception {
        OrderRecord order = service.order();
        Card card = service.pki.card(Pki.leaf().key(keyType));
        String proof = card.sign("legitimera-proof+jwt", headerAlg, signAlg, claims(order, Service.URL, service).build());
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof), expected);
    }

    @Test
    void aSignatureByAnotherKey_isRefused() throws Exception {
        OrderRecord order = service.order();
        Card card = service.pki.card();
        Card impostor = new Card(Pki.keys("EC-256").getPrivate(), card.x5c());
        assertStaysPending(order, service.prove(order, impostor), BadSignatureException.class);
    }

    @Test
    void aWrongType_isRefused() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().sign("legitimera-poll+jwt", "ES256", claims(order, Service.URL, service).build());
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof), WrongTypeException.class);
    }

    @Test
    void anotherVersion_isRefused() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().proof(order, Service.URL, service.clock.instant(), c -> c.claim("ver", "2"));
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof),
                UnsupportedVersionException.class);
    }

    @Test
    void aProofWithoutX5c_isRefused() throws Exception {
        OrderRecord order = service.order();
        String proof = service.pki.card().sending(List.of()).proof(order, Service.URL, service.clock.instant());
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), proof),
                MalformedProofException.class);
    }

    @Test
    void somethingThatIsNoJws_isRefused() throws Exception {
        OrderRecord order = service.order();
        assertStaysPending(order, service.server.submitProof(order.autoStartToken(), "not.a.jws"),
                MalformedProofException.class);
    }

    private void assertStaysPending(OrderRecord order, Verdict verdict, Class<? extends ProofRefusedException> expected)
            throws Exception {
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        Verdict.Refused refused = (Verdict.Refused) verdict;
        assertThat(refused.refusal()).isInstanceOf(expected);
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.PROOF_REJECTED);
        assertThat(refused.hintCode()).isEmpty();
        assertThat(((ProofRefusedException) refused.refusal()).failsOrder()).isFalse();
        OrderRecord after = service.server.collect(order.orderRef());
        assertThat(after.pending()).isTrue();
        assertThat(after.hint()).contains(HintCode.USER_SIGN);
        if (order.hsaId().map(Pki.HSA_ID::equals).orElse(true)) { // the rightful holder can still complete it
            assertThat(service.prove(after, service.pki.card())).isInstanceOf(Verdict.Completed.class);
        }
    }

    // ---- the order behind the token ---------------------------------------------------------------------

    @Test
    void aProofForAnExpiredOrder_isRefused() throws Exception {
        OrderRecord order = service.order();
        service.clock.advance(Duration.ofSeconds(120));
        Verdict verdict = service.prove(order, service.pki.card());
        assertThat(((Verdict.Refused) verdict).refusal()).isInstanceOf(OrderExpiredException.class);
        assertThat(((Verdict.Refused) verdict).hintCode()).contains(HintCode.EXPIRED_TRANSACTION);
        assertThat(((Verdict.Refused) verdict).errorCode()).isEqualTo(ErrorCode.EXPIRED);
    }

    @Test
    void aSecondProofForACompleteOrder_isRefused() throws Exception {
        OrderRecord order = service.order();
        assertThat(service.prove(order, service.pki.card())).isInstanceOf(Verdict.Completed.class);
        Verdict second = service.prove(order, service.pki.card());
        assertThat(((Verdict.Refused) second).refusal()).isInstanceOf(OrderCompletedException.class);
        assertThat(((Verdict.Refused) second).errorCode()).isEqualTo(ErrorCode.ALREADY_COMPLETED);
    }

    @Test
    void aProofWithAnUnknownToken_isRefused() {
        Verdict verdict = service.server.submitProof("no-such-token", "x.y.z");
        assertThat(((Verdict.Refused) verdict).refusal()).isInstanceOf(UnknownOrderException.class);
        assertThat(((Verdict.Refused) verdict).order()).isEqualTo(Optional.empty());
    }
}
