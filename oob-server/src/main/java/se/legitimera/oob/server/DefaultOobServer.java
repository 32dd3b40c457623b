package se.legitimera.oob.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.cert.RevocationChecker;

/**
 * {@link OobServer} over the configured stores. Every state change is a compare-and-set of the order's
 * version, retried a few times when another writer came first:
 * <pre>
 *   pending/outstandingTransaction --fetch--> pending/userSign --proof ok--> complete
 *        |                                        |--proof with bad certificate--> failed/certificateErr
 *        |--expiry--> failed/startFailed          |--expiry--> failed/expiredTransaction
 *        |--RP cancel or newer order for the HSA-id--> failed/cancelled
 *                                                 |--app cancel--> failed/userCancel|noCard|pinBlocked|certificateErr
 * </pre>
 * Immutable and thread-safe.
 */
final class DefaultOobServer implements OobServer {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultOobServer.class);
    static final JOSEObjectType ORDER_TYPE = new JOSEObjectType("legitimera-order+jwt");
    private static final int MAX_ATTEMPTS = 32;

    /** A state change of a current, expiry-applied order; empty: no change. */
    @FunctionalInterface
    private interface Change {
        Optional<OrderRecord> apply(OrderRecord current);
    }

    private final Clock clock;
    private final ServiceUrl serviceUrl;
    private final OrderKeys keys;
    private final OrderStore orders;
    private final PollSessionStore pollSessions;
    private final List<OrderListener> listeners;
    private final Duration orderLifetime;
    private final Duration retention;
    private final Duration pollSessionLifetime;
    private final SignedRequestVerifier verifier;
    private final SecureRandom random = new SecureRandom();

    DefaultOobServer(OobServer.Builder config) {
        this.clock = config.clock;
        this.serviceUrl = config.serviceUrl;
        this.keys = config.orderKeys;
        this.orders = config.orderStore != null ? config.orderStore : OrderStore.inMemory(clock);
        SingleUseStore singleUse = config.singleUseStore != null ? config.singleUseStore : SingleUseStore.inMemory(clock);
        this.pollSessions = config.pollSessionStore != null ? config.pollSessionStore : PollSessionStore.inMemory(clock);
        this.listeners = List.copyOf(config.listeners);
        this.orderLifetime = config.orderLifetime;
        this.retention = config.retention;
        this.pollSessionLifetime = config.pollSessionLifetime;
        Optional<RevocationChecker> revocation = Optional.empty();
        if (config.ocspMode != OcspMode.OFF) {
            RevocationChecker.Builder ocsp = RevocationChecker.builder().withClock(clock)
                    .withTransport(config.ocspTransport).withTimeout(config.ocspTimeout)
                    .withMaxCacheAge(config.ocspCacheLifetime);
            if (config.ocspResponder != null) {
                ocsp.withResponder(config.ocspResponder);
            }
            revocation = Optional.of(ocsp.build());
        }
        HolderCertificateValidator certificates = new HolderCertificateValidator(clock, config.trustAnchors,
                config.intermediates, config.trustLevels, config.ocspMode, revocation);
        this.verifier = new SignedRequestVerifier(clock, serviceUrl, config.clockSkew, Duration.ofHours(1), singleUse,
                certificates);
    }

    @Override
    public ServiceUrl serviceUrl() {
        return serviceUrl;
    }

    @Override
    public Duration orderLifetime() {
        return orderLifetime;
    }

    // ---- RP side ----------------------------------------------------------------------------------------

    @Override
    public StartedOrder startOrder(OrderRequest request) throws StoreException, OrderSigningException {
        if (request.hsaId().isPresent()) {
            Optional<String> previous = orders.latestFor(request.hsaId().get());
            Optional<OrderRecord> older = previous.isPresent() ? orders.byRef(previous.get()) : Optional.empty();
            if (older.isPresent()) {
                try {
                    change(older, current -> current.pending()
                            ? Optional.of(current.with(OrderStatus.FAILED, Optional.of(HintCode.CANCELLED),
                            current.fetched(), Optional.empty()))
                            : Optional.empty());
                } catch (UnknownOrderException e) {
                    LOG.debug("the older order for the HSA-id went away: {}", e.getMessage());
                }
            }
        }
        Instant now = clock.instant();
        Duration lifetime = request.lifetime().orElse(orderLifetime);
        String orderRef = newId(16);
        String token = newId(24);
        String challenge = newId(32);
        String rpOrigin = request.rpOrigin().orElse(serviceUrl.origin());
        Instant expiresAt = now.plus(lifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(serviceUrl.toString())
                .claim("ver", "1")
                .claim("orderRef", orderRef)
                .claim("rpName", request.rpName())
                .claim("rpOrigin", rpOrigin)
                .claim("challenge", challenge)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt));
        request.message().ifPresent(m -> claims.claim("message", m));
        request.hsaId().ifPresent(h -> claims.claim("hsaId", h));
        request.requestedLoa().ifPresent(l -> claims.claim("requestedLoa", l));
        String jws = sign(ORDER_TYPE, claims.build());
        OrderRecord order = new OrderRecord(orderRef, token, request.rpName(), rpOrigin, request.message(),
                request.hsaId(), request.requestedLoa(), challenge, now, expiresAt, jws, OrderStatus.PENDING,
                Optional.of(HintCode.OUTSTANDING_TRANSACTION), false, Optional.empty(), request.hostAttributes(), 0);
        Instant keepUntil = expiresAt.plus(retention);
        orders.insert(order, keepUntil);
        if (request.hsaId().isPresent()) {
            orders.setLatestFor(request.hsaId().get(), orderRef, keepUntil);
        }
        notifyListeners(order);
        String link = "legitimera://auth?service=" + URLEncoder.encode(serviceUrl.toString(), StandardCharsets.UTF_8)
                + "&token=" + token;
        return new StartedOrder(order, lifetime, link);
    }

    @Override
    public OrderRecord collect(String orderRef) throws UnknownOrderException, StoreException {
        return change(orders.byRef(orderRef), current -> Optional.empty());
    }

    @Override
    public OrderRecord cancel(String orderRef) throws UnknownOrderException, StoreException {
        return change(orders.byRef(orderRef), current -> current.pending()
                ? Optional.of(current.with(OrderStatus.FAILED, Optional.of(HintCode.CANCELLED), current.fetched(),
                Optional.empty()))
                : Optional.empty());
    }

    // ---- app side ---------------------------------------------------------------------------------------

    @Override
    public String fetchOrder(String autoStartToken) throws OobServerException {
        OrderRecord order = change(orders.byToken(autoStartToken), current -> current.pending() && !current.fetched()
                ? Optional.of(current.with(OrderStatus.PENDING, Optional.of(HintCode.USER_SIGN), true, Optional.empty()))
                : Optional.empty());
        requirePending(order);
        return order.orderJws();
    }

    @Override
    public Verdict submitProof(String autoStartToken, String proof) {
        OrderRecord order;
        try {
            order = change(orders.byToken(autoStartToken), current -> Optional.empty());
            requirePending(order);
        } catch (OobServerException e) {
            return new Verdict.Refused(e, Optional.empty());
        }
        SignedRequestVerifier.Verified verified;
        try {
            verified = verifier.verify(proof, SignedRequestVerifier.PROOF_TYPE, order.createdAt(),
                    order.requestedLoa(), claims -> bind(order, claims));
            String hsaId = verified.holder().hsaId();
            if (order.hsaId().isPresent() && !order.hsaId().get().equals(hsaId)) {
                throw new HsaIdMismatchException("the order is addressed to another HSA-id ("
                        + order.hsaId().get() + ", the certificate is " + hsaId + "'s)");
            }
        } catch (ProofRefusedException refusal) {
            return refused(order, refusal);
        } catch (StoreException e) {
            return new Verdict.Refused(e, Optional.of(order));
        }
        HolderCertificateValidator.Holder holder = verified.holder();
        Completion completion = new Completion(holder.hsaId(), holder.certificate().holderName(),
                holder.certificate().personalIdentityNumber(), holder.trustLevel(), holder.path(), proof,
                clock.instant());
        try {
            OrderRecord after = change(Optional.of(order), current -> current.pending()
                    ? Optional.of(current.with(OrderStatus.COMPLETE, Optional.empty(), current.fetched(),
                    Optional.of(completion)))
                    : Optional.empty());
            if (after.status() != OrderStatus.COMPLETE || after.completion().orElseThrow() != completion) {
                requirePending(after); // someone else finished it first: say how
                throw new StoreException("order " + order.orderRef() + " did not complete");
            }
            return new Verdict.Completed(after);
        } catch (OobServerException e) {
            return new Verdict.Refused(e, Optional.of(order));
        }
    }

    private static void bind(OrderRecord order, JWTClaimsSet claims) throws ProofRefusedException {
        if (!order.orderRef().equals(claims.getClaim("orderRef"))) {
            throw new WrongOrderException("the proof is for another order (" + claims.getClaim("orderRef")
                    + ", the token is order " + order.orderRef() + "'s)");
        }
        if (!order.challenge().equals(claims.getClaim("challenge"))) {
            throw new WrongChallengeException("the proof does not sign order " + order.orderRef() + "'s challenge");
        }
        if (!order.rpOrigin().equals(claims.getClaim("origin"))) {
            throw new WrongOriginException("the proof names origin " + claims.getClaim("origin") + ", the order "
                    + order.rpOrigin());
        }
    }

    private Verdict refused(OrderRecord order, ProofRefusedException refusal) {
        if (!refusal.failsOrder()) {
            return new Verdict.Refused(refusal, Optional.of(order));
        }
        try {
            OrderRecord after = change(Optional.of(order), current -> current.pending()
                    ? Optional.of(current.with(OrderStatus.FAILED, refusal.hintCode(), current.fetched(),
                    Optional.empty()))
                    : Optional.empty());
            return new Verdict.Refused(refusal, Optional.of(after));
        } catch (OobServerException e) {
            LOG.warn("order {} could not be failed after a refused certificate: {}", order.orderRef(), e.getMessage());
            return new Verdict.Refused(refusal, Optional.of(order));
        }
    }

    @Override
    public OrderRecord cancelByApp(String autoStartToken, String reason) throws OobServerException {
        HintCode hint = HintCode.fromCode(reason).filter(HintCode::appCancelReason)
                .orElseThrow(() -> new InvalidParametersException("reason not allowed: " + reason));
        OrderRecord order = change(orders.byToken(autoStartToken), current -> Optional.empty());
        requirePending(order);
        OrderRecord after = change(Optional.of(order), current -> current.pending()
                ? Optional.of(current.with(OrderStatus.FAILED, Optional.of(hint), current.fetched(), Optional.empty()))
                : Optional.empty());
        if (after.hint().orElse(null) != hint) {
            requirePending(after);
        }
        return after;
    }

    @Override
    public PollSession openPollSession(String request) throws OobServerException {
        Instant now = clock.instant();
        SignedRequestVerifier.Verified verified = verifier.verify(request, SignedRequestVerifier.POLL_TYPE, now,
                OptionalInt.empty(), claims -> { });
        PollSession session = new PollSession(newId(32), verified.holder().hsaId(), now.plus(pollSessionLifetime));
        pollSessions.insert(session);
        return session;
    }

    @Override
    public Optional<String> pendingOrderFor(String pollSessionToken) throws UnknownPollSessionException, StoreException {
        PollSession session = pollSessions.find(pollSessionToken)
                .filter(s -> clock.instant().isBefore(s.expiresAt()))
                .orElseThrow(() -> new UnknownPollSessionException("no such poll session"));
        Optional<String> ref = orders.latestFor(session.hsaId());
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        Optional<OrderRecord> stored = orders.byRef(ref.get());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        OrderRecord order;
        try {
            order = change(stored, current -> Optional.empty());
        } catch (UnknownOrderException e) {
            return Optional.empty();
        }
        return order.pending() && !order.fetched() ? Optional.of(order.autoStartToken()) : Optional.empty();
    }

    // ---- keys -------------------------------------------------------------------------------------------

    @Override
    public Map<String, Object> jwkSet() {
        List<JWK> jwks = new ArrayList<>();
        for (PublishedKey key : keys.published()) {
            jwks.add(switch (key.publicKey()) {
                case ECPublicKey ec -> new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec)
                        .keyID(key.keyId()).algorithm(JWSAlgorithm.parse(key.algorithm())).keyUse(KeyUse.SIGNATURE)
                        .build();
                case RSAPublicKey rsa -> new RSAKey.Builder(rsa).keyID(key.keyId())
                        .algorithm(JWSAlgorithm.parse(key.algorithm())).keyUse(KeyUse.SIGNATURE).build();
                default -> throw new IllegalStateException("published key " + key.keyId() + " is neither EC nor RSA");
            });
        }
        return new JWKSet(jwks).toJSONObject(true);
    }

    @Override
    public String signToken(String type, Map<String, Object> claims) throws OrderSigningException {
        try {
            return sign(new JOSEObjectType(type), JWTClaimsSet.parse(claims));
        } catch (ParseException e) {
            throw new OrderSigningException("the claims are not a JWT claims set: " + e.getMessage(), e);
        }
    }

    private String sign(JOSEObjectType type, JWTClaimsSet claims) throws OrderSigningException {
        OrderSigningKey key = keys.current();
        JWSAlgorithm alg = JWSAlgorithm.parse(key.algorithm());
        SignedJWT jws = new SignedJWT(new JWSHeader.Builder(alg).type(type).keyID(key.keyId()).build(), claims);
        try {
            jws.sign(new KeySigner(key, alg));
        } catch (JOSEException e) {
            throw new OrderSigningException("key " + key.keyId() + " could not sign: " + e.getMessage(), e);
        }
        return jws.serialize();
    }

    /** Nimbus's signer interface over the host's key. */
    private record KeySigner(OrderSigningKey key, JWSAlgorithm alg) implements JWSSigner {
        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                return Base64URL.encode(key.sign(signingInput));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(alg);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }

    // ---- state machine ----------------------------------------------------------------------------------

    /**
     * Reads the order, applies expiry, then {@code change}; writes by compare-and-set, retrying on conflict.
     *
     * @return the order as it is afterwards
     */
    private OrderRecord change(Optional<OrderRecord> first, Change change) throws UnknownOrderException, StoreException {
        OrderRecord current = first.orElseThrow(() -> new UnknownOrderException("no such order"));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            OrderRecord expired = expire(current);
            Optional<OrderRecord> next = change.apply(expired);
            OrderRecord target = next.orElse(expired);
            if (target == current) {
                return current;
            }
            if (orders.replace(current, target, target.expiresAt().plus(retention))) {
                notifyListeners(target);
                return target;
            }
            current = orders.byRef(current.orderRef())
                    .orElseThrow(() -> new UnknownOrderException("the order was removed"));
        }
        throw new StoreException("order " + current.orderRef() + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    private OrderRecord expire(OrderRecord order) {
        if (order.pending() && !clock.instant().isBefore(order.expiresAt())) {
            HintCode hint = order.fetched() ? HintCode.EXPIRED_TRANSACTION : HintCode.START_FAILED;
            return order.with(OrderStatus.FAILED, Optional.of(hint), order.fetched(), Optional.empty());
        }
        return order;
    }

    private static void requirePending(OrderRecord order) throws OobServerException {
        switch (order.status()) {
            case PENDING -> { }
            case COMPLETE -> throw new OrderCompletedException("order " + order.orderRef() + " is complete");
            case FAILED -> {
                HintCode hint = order.hint().orElseThrow();
                if (hint == HintCode.EXPIRED_TRANSACTION || hint == HintCode.START_FAILED) {
                    throw new OrderExpiredException("order " + order.orderRef() + " expired", hint);
                }
                throw new OrderFailedException("order " + order.orderRef() + " failed (" + hint.code() + ")", hint);
            }
        }
    }

    private void notifyListeners(OrderRecord order) {
        for (OrderListener listener : listeners) {
            try {
                listener.orderChanged(order);
            } catch (RuntimeException e) {
                LOG.warn("order listener {} failed on order {}", listener, order.orderRef(), e);
            }
        }
    }

    private String newId(int bytes) {
        byte[] id = new byte[bytes];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
