package se.legitimera.oob.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The order state machine of docs/oob-protocol.md sections 3, 4 and 6, and the order JWS. */
class OrderLifecycleTest {

    private final List<OrderRecord> changes = new ArrayList<>();
    private final Service service = new Service(b -> b.withListener(changes::add));

    private StartedOrder start(OrderRequest.Builder request) throws Exception {
        return service.server.startOrder(request.build());
    }

    private StartedOrder start() throws Exception {
        return start(OrderRequest.builder("Test-RP"));
    }

    @Test
    void aNewOrder_isPendingOutstandingTransactionWithFreshIdsAndALink() throws Exception {
        StartedOrder started = start();
        OrderRecord order = service.server.collect(started.orderRef());
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.hint()).contains(HintCode.OUTSTANDING_TRANSACTION);
        assertThat(order.fetched()).isFalse();
        assertThat(started.lifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(order.expiresAt()).isEqualTo(Service.NOW.plusSeconds(120));
        assertThat(order.rpOrigin()).isEqualTo("https://idp.test:443");
        assertThat(started.autoStartUrl()).isEqualTo("legitimera://auth?service=https%3A%2F%2Fidp.test%3A443&token="
                + started.autoStartToken());
        assertThat(started.orderRef()).hasSizeGreaterThanOrEqualTo(22).isNotEqualTo(start().orderRef());
        assertThat(java.util.Base64.getUrlDecoder().decode(order.challenge())).hasSize(32);
        assertThat(started.toString()).doesNotContain(started.autoStartToken());
        assertThat(changes).extracting(OrderRecord::orderRef).contains(started.orderRef());
    }

    @Test
    void theOrderJws_isSignedWithThePublishedKeyAndCarriesTheOrder() throws Exception {
        StartedOrder started = start(OrderRequest.builder("Journal").withRpOrigin("HTTPS://RP.test")
                .withMessage("Logga in").withHsaId(Pki.HSA_ID).withRequestedLoa(3));
        SignedJWT jws = SignedJWT.parse(service.server.fetchOrder(started.autoStartToken()));
        ECKey key = (ECKey) JWKSet.parse(service.server.jwkSet()).getKeyByKeyId("order-1");

        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jws.getHeader().getType().getType()).isEqualTo("legitimera-order+jwt");
        assertThat(jws.getHeader().getKeyID()).isEqualTo("order-1");
        Map<String, Object> claims = jws.getJWTClaimsSet().getClaims();
        assertThat(claims).containsEntry("ver", "1").containsEntry("iss", "https://idp.test:443")
                .containsEntry("orderRef", started.orderRef()).containsEntry("rpName", "Journal")
                .containsEntry("rpOrigin", "https://rp.test:443").containsEntry("message", "Logga in")
                .containsEntry("hsaId", Pki.HSA_ID).containsEntry("requestedLoa", 3L)
                .containsEntry("challenge", started.order().challenge());
        assertThat(jws.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(started.order().expiresAt());
    }

    @Test
    void theFirstFetch_movesToUserSign_andFetchingAgainIsIdempotent() throws Exception {
        StartedOrder started = start();
        String first = service.server.fetchOrder(started.autoStartToken());
        assertThat(service.server.collect(started.orderRef()).hint()).contains(HintCode.USER_SIGN);
        assertThat(service.server.fetchOrder(started.autoStartToken())).isEqualTo(first);
        assertThat(service.server.collect(started.orderRef()).version()).isEqualTo(1);
    }

    @Test
    void anOrderNobodyFetched_expiresWithStartFailed() throws Exception {
        StartedOrder started = start();
        service.clock.advance(Duration.ofSeconds(119));
        assertThat(service.server.collect(started.orderRef()).pending()).isTrue();
        service.clock.advance(Duration.ofSeconds(1));
        OrderRecord order = service.server.collect(started.orderRef());
        assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(order.hint()).contains(HintCode.START_FAILED);
        assertThatThrownBy(() -> service.server.fetchOrder(started.autoStartToken()))
                .isInstanceOfSatisfying(OrderExpiredException.class, e -> {
                    assertThat(e.hintCode()).contains(HintCode.START_FAILED);
                    assertThat(e.errorCode().httpStatus()).isEqualTo(410);
                });
    }

    @Test
    void aFetchedOrder_expiresWithExpiredTransaction() throws Exception {
        StartedOrder started = start();
        service.server.fetchOrder(started.autoStartToken());
        service.clock.advance(Duration.ofSeconds(121));
        assertThat(service.server.collect(started.orderRef()).hint()).contains(HintCode.EXPIRED_TRANSACTION);
    }

    @Test
    void anOrderWithItsOwnLifetime_expiresThen() throws Exception {
        StartedOrder started = start(OrderRequest.builder("CIBA client").withLifetime(Duration.ofSeconds(300)));
        assertThat(started.lifetime()).isEqualTo(Duration.ofSeconds(300));
        service.clock.advance(Duration.ofSeconds(200));
        assertThat(service.server.collect(started.orderRef()).pending()).isTrue();
    }

    @Test
    void theRpCancels_thenTheOrderFailsCancelledAndTheAppCannotFetchIt() throws Exception {
        StartedOrder started = start();
        OrderRecord cancelled = service.server.cancel(started.orderRef());
        assertThat(cancelled.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(cancelled.hint()).contains(HintCode.CANCELLED);
        assertThatThrownBy(() -> service.server.fetchOrder(started.autoStartToken()))
                .isInstanceOfSatisfying(OrderFailedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(service.server.cancel(started.orderRef())).isEqualTo(cancelled);
    }

    @Test
    void aNewOrderForTheSameHsaId_cancelsTheOlderOne() throws Exception {
        StartedOrder older = start(OrderRequest.builder("A").withHsaId(Pki.HSA_ID));
        StartedOrder other = start(OrderRequest.builder("B").withHsaId("TSTNMT2321000156-0003"));
        StartedOrder newer = start(OrderRequest.builder("C").withHsaId(Pki.HSA_ID));
        assertThat(service.server.collect(older.orderRef()).hint()).contains(HintCode.CANCELLED);
        assertThat(service.server.collect(other.orderRef()).pending()).isTrue();
        assertThat(service.server.collect(newer.orderRef()).pending()).isTrue();
    }

    @Test
    void aNewOrderForTheSameHsaId_leavesACompleteOrderComplete() throws Exception {
        OrderRecord done = service.order(OrderRequest.builder("A").withHsaId(Pki.HSA_ID));
        assertThat(service.prove(done, service.pki.card())).isInstanceOf(Verdict.Completed.class);
        start(OrderRequest.builder("B").withHsaId(Pki.HSA_ID));
        assertThat(service.server.collect(done.orderRef()).status()).isEqualTo(OrderStatus.COMPLETE);
    }

    @Test
    void theAppCancels_withEachReasonOfSection44() throws Exception {
        for (HintCode reason : List.of(HintCode.USER_CANCEL, HintCode.NO_CARD, HintCode.PIN_BLOCKED,
                HintCode.CERTIFICATE_ERR)) {
            StartedOrder started = start();
            service.server.fetchOrder(started.autoStartToken());
            OrderRecord order = service.server.cancelByApp(started.autoStartToken(), reason.code());
            assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
            assertThat(order.hint()).contains(reason);
        }
    }

    @Test
    void theAppCannotCancelWithAnotherReason() throws Exception {
        StartedOrder started = start();
        for (String reason : List.of("cancelled", "expiredTransaction", "wrongPin", "userSign")) {
            assertThatThrownBy(() -> service.server.cancelByApp(started.autoStartToken(), reason))
                    .isInstanceOf(InvalidParametersException.class);
        }
        assertThat(service.server.collect(started.orderRef()).pending()).isTrue();
    }

    @Test
    void theAppCannotCancelACompleteOrder() throws Exception {
        OrderRecord order = service.order();
        service.prove(order, service.pki.card());
        assertThatThrownBy(() -> service.server.cancelByApp(order.autoStartToken(), "userCancel"))
                .isInstanceOf(OrderCompletedException.class);
    }

    @Test
    void unknownReferencesAndTokens_areNotFound() {
        assertThatThrownBy(() -> service.server.collect("nope")).isInstanceOfSatisfying(UnknownOrderException.class,
                e -> assertThat(e.errorCode().httpStatus()).isEqualTo(404));
        assertThatThrownBy(() -> service.server.fetchOrder("nope")).isInstanceOf(UnknownOrderException.class);
        assertThatThrownBy(() -> service.server.cancel("nope")).isInstanceOf(UnknownOrderException.class);
    }

    @Test
    void finishedOrders_areForgottenAfterTheRetention() throws Exception {
        StartedOrder started = start();
        service.clock.advance(Duration.ofMinutes(8));
        start(); // a write purges what is due
        assertThatThrownBy(() -> service.server.collect(started.orderRef())).isInstanceOf(UnknownOrderException.class);
    }

    @Test
    void whenAnotherNodeWritesFirst_theChangeIsRetriedOnTheNewVersion() throws Exception {
        OrderStore memory = OrderStore.inMemory(service.clock);
        AtomicBoolean interfere = new AtomicBoolean(true);
        OrderStore racing = new OrderStore() {
            @Override
            public void insert(OrderRecord order, Instant keepUntil) throws StoreException {
                memory.insert(order, keepUntil);
            }

            @Override
            public Optional<OrderRecord> byRef(String orderRef) throws StoreException {
                return memory.byRef(orderRef);
            }

            @Override
            public Optional<OrderRecord> byToken(String token) throws StoreException {
                return memory.byToken(token);
            }

            @Override
            public boolean replace(OrderRecord current, OrderRecord next, Instant keepUntil) throws StoreException {
                if (interfere.getAndSet(false)) { // another node fetched the order in between
                    memory.replace(current, current.with(OrderStatus.PENDING, Optional.of(HintCode.USER_SIGN), true,
                            Optional.empty()), keepUntil);
                }
                return memory.replace(current, next, keepUntil);
            }

            @Override
            public Optional<String> latestFor(String hsaId) throws StoreException {
                return memory.latestFor(hsaId);
            }

            @Override
            public void setLatestFor(String hsaId, String orderRef, Instant keepUntil) throws StoreException {
                memory.setLatestFor(hsaId, orderRef, keepUntil);
            }
        };
        Service cluster = new Service(b -> b.withOrderStore(racing));
        StartedOrder started = cluster.server.startOrder(OrderRequest.builder("RP").build());

        OrderRecord cancelled = cluster.server.cancel(started.orderRef());

        assertThat(cancelled.hint()).contains(HintCode.CANCELLED);
        assertThat(cancelled.fetched()).isTrue(); // the other node's change survived
        assertThat(cancelled.version()).isEqualTo(2);
    }

    @Test
    void rotatedKeys_signWithTheCurrentKeyAndPublishBoth() throws Exception {
        OrderSigningKey first = OrderSigningKey.software("k1", service.orderKeys.getPrivate(), service.orderKeys.getPublic());
        java.security.KeyPair rsa = Pki.keys("RSA-2048");
        OrderSigningKey second = OrderSigningKey.software("k2", rsa.getPrivate(), rsa.getPublic());
        AtomicReference<OrderSigningKey> current = new AtomicReference<>(first);
        OrderKeys rotating = new OrderKeys() {
            @Override
            public OrderSigningKey current() {
                return current.get();
            }

            @Override
            public List<PublishedKey> published() {
                return List.of(new PublishedKey("k1", "ES256", first.publicKey()),
                        new PublishedKey("k2", "PS256", second.publicKey()));
            }
        };
        Service rotated = new Service(b -> b.withOrderKeys(rotating));
        StartedOrder before = rotated.server.startOrder(OrderRequest.builder("RP").build());
        current.set(second);
        StartedOrder after = rotated.server.startOrder(OrderRequest.builder("RP").build());

        assertThat(JWSObject.parse(before.order().orderJws()).getHeader().getKeyID()).isEqualTo("k1");
        JWSObject afterJws = JWSObject.parse(after.order().orderJws());
        assertThat(afterJws.getHeader().getKeyID()).isEqualTo("k2");
        assertThat(afterJws.getHeader().getAlgorithm().getName()).isEqualTo("PS256");
        JWKSet set = JWKSet.parse(rotated.server.jwkSet());
        assertThat(set.getKeys()).extracting(k -> k.getKeyID()).containsExactly("k1", "k2");
        assertThat(afterJws.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(set.getKeyByKeyId("k2").toRSAKey())))
                .isTrue();
    }

    @Test
    void aHostToken_isSignedWithTheOrderKey() throws Exception {
        String token = service.server.signToken("JWT", Map.of("iss", Service.URL, "sub", Pki.HSA_ID, "aud", "client"));
        SignedJWT jwt = SignedJWT.parse(token);
        ECKey key = (ECKey) JWKSet.parse(service.server.jwkSet()).getKeyByKeyId("order-1");
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(Pki.HSA_ID);
    }

    @Test
    void aFailingKey_isAnOrderSigningException() {
        OrderSigningKey broken = new OrderSigningKey() {
            @Override
            public String keyId() {
                return "hsm-1";
            }

            @Override
            public String algorithm() {
                return "ES256";
            }

            @Override
            public java.security.PublicKey publicKey() {
                return service.orderKeys.getPublic();
            }

            @Override
            public byte[] sign(byte[] input) throws java.security.GeneralSecurityException {
                throw new java.security.SignatureException("HSM offline");
            }
        };
        Service withBroken = new Service(b -> b.withOrderKeys(OrderKeys.of(broken)));
        assertThatThrownBy(() -> withBroken.server.startOrder(OrderRequest.builder("RP").build()))
                .isInstanceOfSatisfying(OrderSigningException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR));
    }

    @Test
    void hostAttributes_travelWithTheOrderToTheListener() throws Exception {
        OrderRecord order = service.order(OrderRequest.builder("CIBA").withHostAttribute("authResultId", "abc"));
        service.prove(order, service.pki.card());
        OrderRecord last = changes.getLast();
        assertThat(last.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(last.hostAttributes()).containsEntry("authResultId", "abc");
    }
}
