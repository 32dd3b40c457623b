package se.legitimera.devkit.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.devkit.service.HttpReply.Refusal;
import se.legitimera.oob.HintCode;
import se.legitimera.oob.ServiceOrigin;

/**
 * Legitimera's reference authentication service (protocol v1, docs/oob-protocol.md): RP API, app API,
 * a minimal OIDC front and a demo relying party, on an HTTPS server bound to 127.0.0.1. Single node and
 * in memory: a reference for tests and development, not a production IdP.
 *
 * <p>Build with {@link #builder()}, {@link #start()}, {@link #close()}. Thread-safe; requests run on virtual
 * threads.
 */
public final class AuthenticationService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationService.class);
    static final JOSEObjectType ORDER_TYPE = new JOSEObjectType("legitimera-order+jwt");
    private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(30);
    private static final Duration POLL_SESSION_LIFETIME = Duration.ofHours(8);
    static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

    static {
        // The JDK's HttpServer closes a keep-alive connection as soon as 200 others are idle (read once, when
        // its first server starts): a burst of logins then meets connections closed under the clients' feet.
        if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
            System.setProperty(MAX_IDLE_CONNECTIONS, "2000");
        }
    }

    private final Builder config;
    private final OrderBook book;
    private final SignedRequestVerifier signedRequests;
    private final ECKey orderKey;
    private final ServiceOrigin origin;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final Map<String, PollSessionEntry> pollSessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final BrowserFront browser;

    private record PollSessionEntry(String hsaId, Instant expiresAt) {
    }

    private AuthenticationService(Builder config) throws IOException, GeneralSecurityException {
        this.config = config;
        this.book = new OrderBook(config.clock, config.orderTtl, Duration.ofMinutes(5));
        try {
            this.orderKey = config.orderKey != null ? config.orderKey
                    : new ECKeyGenerator(Curve.P_256).keyID("order-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new GeneralSecurityException("cannot create the order-signing key", e);
        }
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 512);
        this.origin = new ServiceOrigin(config.publicHost, server.getAddress().getPort());
        HolderCertificateVerifier certificates = new HolderCertificateVerifier(config.trustAnchors,
                config.trustLevels, Optional.ofNullable(config.ocspResponder).map(OcspChecker::new));
        this.signedRequests = new SignedRequestVerifier(config.clock, origin.toString(), config.clockSkew, certificates);
        server.setHttpsConfigurator(httpsConfigurator());
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        this.browser = new BrowserFront(this, config.clock, orderKey);
        route("/.well-known/legitimera/jwks.json", this::jwks);
        route("/rp/v1/auth", ex -> rpAuth(ex));
        route("/rp/v1/collect", ex -> rpCollect(ex));
        route("/rp/v1/cancel", ex -> rpCancel(ex));
        route("/app/v1/order", this::appOrder);
        route("/app/v1/proof", this::appProof);
        route("/app/v1/cancel", this::appCancel);
        route("/app/v1/poll/session", this::appPollSession);
        route("/app/v1/poll", this::appPoll);
        browser.register(this::route);
    }

    /** A builder with defaults: port 0 (any free), 120 s orders, loopback RP calls without credentials. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts serving; returns this. */
    public AuthenticationService start() {
        server.start();
        LOG.info("authentication service listening on {}", origin);
        return this;
    }

    /** {@code https://127.0.0.1:port}: the origin apps must allow and proofs must name as {@code aud}. */
    public ServiceOrigin origin() {
        return origin;
    }

    /** The public key set orders are signed with (also served at /.well-known/legitimera/jwks.json). */
    public JWKSet orderSigningKeys() {
        return new JWKSet(orderKey.toPublicJWK());
    }

    /** The number of orders held, finished ones included until purged. */
    public int orderCount() {
        return book.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, Refusal;
    }

    void route(String path, Handler handler) {
        HttpHandler wrapped = exchange -> {
            // Answer errors before the exchange is closed (a try-with-resources would close it first).
            try {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    throw new Refusal(404, "notFound", null, "no such endpoint");
                }
                handler.handle(exchange);
            } catch (Refusal refusal) {
                HttpReply.refusal(exchange, refusal);
            } catch (RuntimeException e) {
                LOG.error("request {} failed", path, e);
                HttpReply.refusal(exchange, new Refusal(500, "internalError", null, "internal error"));
            } finally {
                exchange.close();
            }
        };
        server.createContext(path, wrapped);
    }

    private HttpsConfigurator httpsConfigurator() throws GeneralSecurityException, IOException {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        char[] password = new char[] {'x'};
        identity.setKeyEntry("tls", config.tlsKey, password, config.tlsChain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, password);
        TrustManagerFactory rpTrust = null;
        if (config.rpClientCa != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("rp-ca", config.rpClientCa);
            rpTrust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            rpTrust.init(store);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), rpTrust == null ? null : rpTrust.getTrustManagers(), null);
        boolean wantClientAuth = config.rpClientCa != null;
        return new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                // Apps never present a certificate; RPs must, on the RP API, when mTLS is configured.
                ssl.setWantClientAuth(wantClientAuth);
                parameters.setSSLParameters(ssl);
            }
        };
    }

    // ---- RP API ---------------------------------------------------------------------------------------

    private void authorizeRp(HttpExchange exchange) throws Refusal {
        boolean authenticated = false;
        if (config.apiKey != null) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] given = header != null && header.startsWith("Bearer ")
                    ? header.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (!MessageDigest.isEqual(given, config.apiKey.getBytes(StandardCharsets.UTF_8))) {
                throw new Refusal(401, "unauthorized", null, "missing or wrong API key");
            }
            authenticated = true;
        }
        if (config.rpClientCa != null) {
            try {
                ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
            } catch (SSLPeerUnverifiedException e) {
                throw new Refusal(401, "unauthorized", null, "the RP API requires a client certificate");
            }
            authenticated = true;
        }
        if (!authenticated && !exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            throw new Refusal(401, "unauthorized", null, "RP calls without credentials only from loopback");
        }
    }

    private void rpAuth(HttpExchange exchange) throws IOException, Refusal {
        authorizeRp(exchange);
        Map<String, Object> body = HttpReply.readJson(exchange);
        String rpName = HttpReply.requiredText(body, "rpName", 100);
        String rpOrigin = HttpReply.optionalText(body, "rpOrigin", 200);
        try {
            rpOrigin = rpOrigin == null ? origin.toString() : ServiceOrigin.parse(rpOrigin).toString();
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "invalidParameters", null, "rpOrigin: " + e.getMessage());
        }
        String hsaId = HttpReply.optionalText(body, "hsaId", 64);
        OptionalInt loa = OptionalInt.empty();
        if (body.get("requestedLoa") instanceof Number n) {
            if (n.intValue() < 1 || n.intValue() > 4) {
                throw new Refusal(400, "invalidParameters", null, "requestedLoa must be 1 to 4");
            }
            loa = OptionalInt.of(n.intValue());
        } else if (body.get("requestedLoa") != null) {
            throw new Refusal(400, "invalidParameters", null, "requestedLoa must be a number");
        }
        ServiceOrder order = startOrder(new OrderRequest(rpName, rpOrigin,
                Optional.ofNullable(HttpReply.optionalText(body, "message", 1000)), Optional.ofNullable(hsaId), loa));
        HttpReply.json(exchange, 200, Map.of("orderRef", order.orderRef(), "autoStartToken", order.autoStartToken(),
                "expiresIn", book.ttl().toSeconds(), "autoStartUrl", autoStartUrl(order)));
    }

    ServiceOrder startOrder(OrderRequest request) {
        ServiceOrder order = book.create(request, this::signOrder);
        LOG.info("order {} started for {}", order.orderRef(), request.rpName());
        return order;
    }

    String autoStartUrl(ServiceOrder order) {
        return "legitimera://auth?service=" + java.net.URLEncoder.encode(origin.toString(), StandardCharsets.UTF_8)
                + "&token=" + order.autoStartToken();
    }

    private String signOrder(ServiceOrder order) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(origin.toString())
                .claim("ver", "1")
                .claim("orderRef", order.orderRef())
                .claim("rpName", order.rpName())
                .claim("rpOrigin", order.rpOrigin())
                .claim("challenge", order.challenge())
                .issueTime(Date.from(order.createdAt()))
                .expirationTime(Date.from(order.expiresAt()));
        order.message().ifPresent(m -> claims.claim("message", m));
        order.hsaId().ifPresent(h -> claims.claim("hsaId", h));
        order.requestedLoa().ifPresent(l -> claims.claim("requestedLoa", l));
        SignedJWT jws = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(ORDER_TYPE)
                .keyID(orderKey.getKeyID()).build(), claims.build());
        try {
            jws.sign(new ECDSASigner(orderKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an order", e);
        }
        return jws.serialize();
    }

    private void rpCollect(HttpExchange exchange) throws IOException, Refusal {
        authorizeRp(exchange);
        String orderRef = HttpReply.requiredText(HttpReply.readJson(exchange), "orderRef", 100);
        HttpReply.json(exchange, 200, collect(orderRef));
    }

    Map<String, Object> collect(String orderRef) throws Refusal {
        ServiceOrder order = book.byRef(orderRef)
                .orElseThrow(() -> new Refusal(404, "notFound", null, "no such order"));
        Map<String, Object> reply = new HashMap<>();
        reply.put("orderRef", order.orderRef());
        reply.put("status", order.status().code());
        if (order.hintCode() != null) {
            reply.put("hintCode", order.hintCode());
        }
        order.completion().ifPresent(c -> {
            Map<String, Object> data = new HashMap<>();
            data.put("hsaId", c.hsaId());
            data.put("name", c.name());
            c.personalIdentityNumber().ifPresent(p -> data.put("personalIdentityNumber", p));
            c.trustLevel().ifPresent(l -> data.put("trustLevel", l));
            try {
                data.put("certificate", Base64.getEncoder().encodeToString(c.certificate().getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
            data.put("signature", c.proof());
            data.put("signedAt", c.signedAt().toString());
            reply.put("completionData", data);
        });
        return reply;
    }

    private void rpCancel(HttpExchange exchange) throws IOException, Refusal {
        authorizeRp(exchange);
        String orderRef = HttpReply.requiredText(HttpReply.readJson(exchange), "orderRef", 100);
        ServiceOrder order = book.fail(orderRef, HintCode.CANCELLED)
                .orElseThrow(() -> new Refusal(404, "notFound", null, "no such order"));
        HttpReply.json(exchange, 200, Map.of("orderRef", order.orderRef(), "status", order.status().code()));
    }

    // ---- App API --------------------------------------------------------------------------------------

    private void jwks(HttpExchange exchange) throws IOException {
        HttpReply.json(exchange, 200, orderSigningKeys().toJSONObject(true));
    }

    private ServiceOrder pendingByToken(String token) throws Refusal {
        ServiceOrder order = book.byToken(token).orElseThrow(() -> new Refusal(404, "notFound", null, "no such order"));
        requirePending(order);
        return order;
    }

    private static void requirePending(ServiceOrder order) throws Refusal {
        switch (order.status()) {
            case PENDING -> { }
            case COMPLETE -> throw new Refusal(409, "alreadyCompleted", null, "the order is complete");
            case FAILED -> {
                boolean expired = HintCode.EXPIRED_TRANSACTION.code().equals(order.hintCode())
                        || HintCode.START_FAILED.code().equals(order.hintCode());
                throw new Refusal(expired ? 410 : 409, expired ? "expired" : "cancelled", order.hintCode(),
                        "the order is no longer pending");
            }
        }
    }

    private void appOrder(HttpExchange exchange) throws IOException, Refusal {
        String token = HttpReply.requiredText(HttpReply.readJson(exchange), "autoStartToken", 128);
        pendingByToken(token);
        ServiceOrder order = book.markFetched(token).orElseThrow(() -> new Refusal(404, "notFound", null, "no such order"));
        requirePending(order);
        HttpReply.json(exchange, 200, Map.of("order", order.orderJws()));
    }

    private void appProof(HttpExchange exchange) throws IOException, Refusal {
        Map<String, Object> body = HttpReply.readJson(exchange);
        ServiceOrder order = pendingByToken(HttpReply.requiredText(body, "autoStartToken", 128));
        String proof = HttpReply.requiredText(body, "proof", 32 * 1024);
        SignedRequestVerifier.Verified verified;
        try {
            verified = signedRequests.verify(proof, SignedRequestVerifier.PROOF_TYPE, order.createdAt(),
                    order.requestedLoa(), claims -> {
                        if (!order.orderRef().equals(claims.getClaim("orderRef"))) {
                            throw new ProofRejection("the proof is for another order", null, false);
                        }
                        if (!order.challenge().equals(claims.getClaim("challenge"))) {
                            throw new ProofRejection("the proof does not sign this order's challenge", null, false);
                        }
                        if (!order.rpOrigin().equals(claims.getClaim("origin"))) {
                            throw new ProofRejection("the proof names another relying party origin", null, false);
                        }
                    });
        } catch (ProofRejection rejection) {
            if (rejection.failsOrder()) {
                book.fail(order.orderRef(), rejection.hint());
            }
            LOG.info("proof for order {} rejected: {}", order.orderRef(), rejection.getMessage());
            throw new Refusal(400, "proofRejected", rejection.hint() == null ? null : rejection.hint().code(),
                    rejection.getMessage());
        }
        VerifiedHolder holder = verified.holder();
        if (order.hsaId().isPresent() && !order.hsaId().get().equals(holder.hsaId())) {
            throw new Refusal(400, "proofRejected", null, "the order is addressed to another HSA-id");
        }
        ServiceOrder after = book.complete(order.orderRef(), new Completion(holder.hsaId(), holder.name(),
                holder.personalIdentityNumber(), holder.trustLevel(), holder.certificate(), proof, config.clock.instant()));
        requireComplete(after);
        LOG.info("order {} completed", order.orderRef());
        HttpReply.json(exchange, 200, Map.of("orderRef", order.orderRef(), "status", "complete"));
    }

    private static void requireComplete(ServiceOrder order) throws Refusal {
        if (order.status() != OrderStatus.COMPLETE || order.completion().isEmpty()) {
            requirePending(order);
        }
    }

    private void appCancel(HttpExchange exchange) throws IOException, Refusal {
        Map<String, Object> body = HttpReply.readJson(exchange);
        ServiceOrder order = pendingByToken(HttpReply.requiredText(body, "autoStartToken", 128));
        String reason = HttpReply.requiredText(body, "reason", 40);
        HintCode hint = HintCode.fromCode(reason)
                .filter(h -> h == HintCode.USER_CANCEL || h == HintCode.NO_CARD || h == HintCode.PIN_BLOCKED
                        || h == HintCode.CERTIFICATE_ERR)
                .orElseThrow(() -> new Refusal(400, "invalidParameters", null, "reason not allowed: " + reason));
        book.fail(order.orderRef(), hint);
        HttpReply.json(exchange, 200, Map.of("orderRef", order.orderRef(), "status", "failed"));
    }

    private void appPollSession(HttpExchange exchange) throws IOException, Refusal {
        String request = HttpReply.requiredText(HttpReply.readJson(exchange), "request", 32 * 1024);
        SignedRequestVerifier.Verified verified;
        try {
            verified = signedRequests.verify(request, SignedRequestVerifier.POLL_TYPE,
                    config.clock.instant().minus(config.clockSkew), OptionalInt.empty(), claims -> { });
        } catch (ProofRejection rejection) {
            throw new Refusal(400, "proofRejected", rejection.hint() == null ? null : rejection.hint().code(),
                    rejection.getMessage());
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        pollSessions.values().removeIf(s -> s.expiresAt().isBefore(config.clock.instant()));
        pollSessions.put(token, new PollSessionEntry(verified.holder().hsaId(),
                config.clock.instant().plus(POLL_SESSION_LIFETIME)));
        HttpReply.json(exchange, 200, Map.of("pollSession", token, "hsaId", verified.holder().hsaId(),
                "expiresIn", POLL_SESSION_LIFETIME.toSeconds()));
    }

    private void appPoll(HttpExchange exchange) throws IOException, Refusal {
        Map<String, Object> body = HttpReply.readJson(exchange);
        PollSessionEntry session = pollSessions.get(HttpReply.requiredText(body, "pollSession", 128));
        if (session == null || session.expiresAt().isBefore(config.clock.instant())) {
            throw new Refusal(404, "notFound", null, "no such poll session");
        }
        long wait = body.get("waitSeconds") instanceof Number n ? Math.max(0, n.longValue()) : 0;
        Optional<ServiceOrder> order;
        try {
            order = book.awaitFor(session.hsaId(), Duration.ofSeconds(Math.min(wait, MAX_POLL_WAIT.toSeconds())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(503, "internalError", null, "shutting down");
        }
        if (order.isEmpty()) {
            HttpReply.noContent(exchange);
            return;
        }
        HttpReply.json(exchange, 200, Map.of("autoStartToken", order.get().autoStartToken()));
    }

    /** Configuration of an {@link AuthenticationService}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int port;
        private String publicHost = "127.0.0.1";
        private PrivateKey tlsKey;
        private List<X509Certificate> tlsChain;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private final Map<String, Integer> trustLevels = new HashMap<>();
        private URI ocspResponder;
        private String apiKey;
        private X509Certificate rpClientCa;
        private Duration orderTtl = Duration.ofSeconds(120);
        private Duration clockSkew = Duration.ofSeconds(30);
        private ECKey orderKey;

        private Builder() {
        }

        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** TCP port on 127.0.0.1; 0 picks a free one (see {@link AuthenticationService#origin()}). */
        public Builder withPort(int port) {
            this.port = port;
            return this;
        }

        /** The host of the origin apps use ({@code 127.0.0.1} or {@code localhost}); the TLS certificate must name it. */
        public Builder withPublicHost(String host) {
            this.publicHost = Objects.requireNonNull(host);
            return this;
        }

        /** The TLS server key and its chain, server certificate first. */
        public Builder withTlsIdentity(PrivateKey key, List<X509Certificate> chain) {
            this.tlsKey = Objects.requireNonNull(key);
            this.tlsChain = List.copyOf(chain);
            return this;
        }

        /** A root CA that card holder certificates must chain to. */
        public Builder withTrustAnchor(X509Certificate root) {
            trustAnchors.add(Objects.requireNonNull(root));
            return this;
        }

        /** Maps a certificate policy OID to a trust level (LoA); the SITHS OIDs are configuration, not code. */
        public Builder withTrustLevel(String policyOid, int level) {
            trustLevels.put(policyOid, level);
            return this;
        }

        /** Checks every holder certificate with this OCSP responder (fail closed). */
        public Builder withOcspResponder(URI responder) {
            this.ocspResponder = responder;
            return this;
        }

        /** Requires {@code Authorization: Bearer KEY} on the RP API. */
        public Builder withApiKey(String key) {
            if (key != null && key.length() < 16) {
                throw new IllegalArgumentException("an API key needs at least 16 characters");
            }
            this.apiKey = key;
            return this;
        }

        /** Requires an RP client certificate issued by {@code ca} on the RP API (mTLS). */
        public Builder withRpClientCa(X509Certificate ca) {
            this.rpClientCa = ca;
            return this;
        }

        public Builder withOrderTtl(Duration ttl) {
            this.orderTtl = Objects.requireNonNull(ttl);
            return this;
        }

        public Builder withClockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew);
            return this;
        }

        /** The order-signing key (EC P-256 with a key id); default: a fresh one per start. */
        public Builder withOrderSigningKey(ECKey key) {
            this.orderKey = key;
            return this;
        }

        /**
         * Binds the server socket and prepares TLS; call {@link AuthenticationService#start()} to serve.
         *
         * @throws IOException              when the port cannot be bound
         * @throws GeneralSecurityException when the TLS identity is unusable
         */
        public AuthenticationService build() throws IOException, GeneralSecurityException {
            if (tlsKey == null) {
                throw new IllegalStateException("no TLS identity");
            }
            return new AuthenticationService(this);
        }
    }
}
