package se.legitimera.devkit.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.server.Completion;
import se.legitimera.oob.server.OcspMode;
import se.legitimera.oob.server.OobServer;
import se.legitimera.oob.server.OobServerException;
import se.legitimera.oob.server.OrderKeys;
import se.legitimera.oob.server.OrderRecord;
import se.legitimera.oob.server.OrderRequest;
import se.legitimera.oob.server.OrderSigningKey;
import se.legitimera.oob.server.PollSession;
import se.legitimera.oob.server.ProofRefusedException;
import se.legitimera.oob.server.StartedOrder;
import se.legitimera.oob.server.Verdict;

/**
 * Legitimera's reference authentication service (docs/oob-protocol.md): RP API, app API, a minimal OIDC front
 * and a demo relying party, on an HTTPS server bound to 127.0.0.1. A thin HTTP host of {@code oob-server}: every
 * rule of the protocol (orders, state machine, order JWS, proof and poll-request verification) lives there; this
 * class parses requests, authorises relying parties, maps results to answers and logs every refusal with its
 * reason. Single node and in memory: a reference for tests and development, not a production IdP.
 *
 * <p>Build with {@link #builder()}, {@link #start()}, {@link #close()}. Thread-safe; requests run on virtual
 * threads.
 */
public final class AuthenticationService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationService.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(30);
    static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

    static {
        // The JDK's HttpServer closes a keep-alive connection as soon as 200 others are idle (read once, when
        // its first server starts): a burst of logins then meets connections closed under the clients' feet.
        if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
            System.setProperty(MAX_IDLE_CONNECTIONS, "2000");
        }
    }

    private final Builder config;
    private final OobServer server;
    private final ServiceOrigin origin;
    private final ServiceOrigin serviceUrl;
    private final HttpsServer http;
    private final ExecutorService executor;
    /** Long polls wait on this monitor; the server's listener wakes them whenever an order changes. */
    private final Object orderChanged = new Object();
    private final BrowserFront browser;

    private AuthenticationService(Builder config) throws IOException, GeneralSecurityException {
        this.config = config;
        this.http = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 512);
        this.origin = new ServiceOrigin(config.publicHost, http.getAddress().getPort());
        this.serviceUrl = new ServiceOrigin(origin.host(), origin.port(), config.appPath);
        OobServer.Builder server = OobServer.builder()
                .withClock(config.clock)
                .withServiceUrl(serviceUrl.toString())
                .withOrderKeys(OrderKeys.of(orderKey(config.orderKey)))
                .withOrderLifetime(config.orderTtl)
                .withClockSkew(config.clockSkew)
                .withListener(order -> {
                    synchronized (orderChanged) {
                        orderChanged.notifyAll();
                    }
                });
        config.trustAnchors.forEach(server::withTrustAnchor);
        config.trustLevels.forEach(server::withTrustLevel);
        if (config.ocspResponder != null) {
            // Every proof's certificate is asked about afresh: the devkit revokes test cards at will.
            server.withOcspMode(OcspMode.FAIL_CLOSED).withOcspResponder(config.ocspResponder)
                    .withOcspCacheLifetime(Duration.ZERO);
        } else {
            server.withOcspMode(OcspMode.OFF);
        }
        this.server = server.build();
        http.setHttpsConfigurator(httpsConfigurator());
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        this.browser = new BrowserFront(this, config.clock);
        String app = config.appPath; // the app API and its keys live under the service URL (protocol 1.1)
        route(app + "/.well-known/legitimera/jwks.json", this::jwks);
        route("/rp/v1/auth", this::rpAuth);
        route("/rp/v1/collect", this::rpCollect);
        route("/rp/v1/cancel", this::rpCancel);
        route(app + "/app/v1/order", this::appOrder);
        route(app + "/app/v1/proof", this::appProof);
        route(app + "/app/v1/cancel", this::appCancel);
        route(app + "/app/v1/poll/session", this::appPollSession);
        route(app + "/app/v1/poll", this::appPoll);
        browser.register(this::route);
    }

    private static OrderSigningKey orderKey(ECKey configured) throws GeneralSecurityException {
        if (configured != null) {
            try {
                return OrderSigningKey.software(configured.getKeyID(), configured.toECPrivateKey(),
                        configured.toECPublicKey());
            } catch (JOSEException e) {
                throw new GeneralSecurityException("unusable order-signing key", e);
            }
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        return OrderSigningKey.software("order-" + UUID.randomUUID(), pair.getPrivate(), pair.getPublic());
    }

    /** A builder with defaults: port 0 (any free), 120 s orders, loopback RP calls without credentials. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts serving; returns this. */
    public AuthenticationService start() {
        http.start();
        LOG.info("authentication service listening on {}", origin);
        return this;
    }

    /** {@code https://127.0.0.1:port}: the origin apps must allow, where the RP API and the browser front live. */
    public ServiceOrigin origin() {
        return origin;
    }

    /**
     * Where the app API lives, the URL proofs must name as {@code aud}: the origin, or the origin and the path
     * given to {@link Builder#withAppPath(String)}.
     */
    public ServiceOrigin serviceUrl() {
        return serviceUrl;
    }

    /** The public key set orders are signed with (also served at /.well-known/legitimera/jwks.json). */
    public JWKSet orderSigningKeys() {
        try {
            return JWKSet.parse(server.jwkSet());
        } catch (ParseException e) {
            throw new IllegalStateException("the order keys do not form a JWK set", e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    /** The library behind this host (for the browser front). */
    OobServer server() {
        return server;
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, Refusal, OobServerException;
    }

    void route(String path, Handler handler) {
        HttpHandler wrapped = exchange -> {
            // Answer errors before the exchange is closed (a try-with-resources would close it first).
            try {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    throw new Refusal(404, "notFound", null, "no such endpoint");
                }
                handler.handle(exchange);
            } catch (OobServerException refused) {
                Refusal refusal = refusal(refused);
                log(path, refusal, refused instanceof ProofRefusedException proof && proof.failsOrder());
                HttpReply.refusal(exchange, refusal);
            } catch (Refusal refusal) {
                log(path, refusal, false);
                HttpReply.refusal(exchange, refusal);
            } catch (RuntimeException e) {
                LOG.error("request {} failed", path, e);
                HttpReply.refusal(exchange, new Refusal(500, "internalError", null, "internal error"));
            } finally {
                exchange.close();
            }
        };
        http.createContext(path, wrapped);
    }

    private static Refusal refusal(OobServerException e) {
        return new Refusal(e.errorCode().httpStatus(), e.errorCode().code(), e.hintCode().map(h -> h.code()).orElse(null),
                e.getMessage());
    }

    /** Every refusal with its reason: WARN when a certificate failed an order, else INFO. */
    private static void log(String path, Refusal refusal, boolean certificate) {
        if (certificate) {
            LOG.warn("{} refused ({}, {}): {}", path, refusal.errorCode, refusal.hintCode, refusal.getMessage());
        } else {
            LOG.info("{} refused ({}{}): {}", path, refusal.errorCode,
                    refusal.hintCode == null ? "" : ", " + refusal.hintCode, refusal.getMessage());
        }
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

    private void rpAuth(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        authorizeRp(exchange);
        Map<String, Object> body = HttpReply.readJson(exchange);
        OrderRequest.Builder request = OrderRequest.builder(HttpReply.requiredText(body, "rpName", 100));
        Optional.ofNullable(HttpReply.optionalText(body, "rpOrigin", 200)).ifPresent(request::withRpOrigin);
        Optional.ofNullable(HttpReply.optionalText(body, "message", 1000)).ifPresent(request::withMessage);
        Optional.ofNullable(HttpReply.optionalText(body, "hsaId", 64)).ifPresent(request::withHsaId);
        if (body.get("requestedLoa") instanceof Number n) {
            if (n.doubleValue() != n.intValue()) {
                throw new Refusal(400, "invalidParameters", null, "requestedLoa must be 1 to 4");
            }
            request.withRequestedLoa(n.intValue());
        } else if (body.get("requestedLoa") != null) {
            throw new Refusal(400, "invalidParameters", null, "requestedLoa must be a number");
        }
        StartedOrder order = startOrder(request.build());
        HttpReply.json(exchange, 200, Map.of("orderRef", order.orderRef(), "autoStartToken", order.autoStartToken(),
                "expiresIn", order.lifetime().toSeconds(), "autoStartUrl", order.autoStartUrl()));
    }

    StartedOrder startOrder(OrderRequest request) throws OobServerException {
        StartedOrder order = server.startOrder(request);
        LOG.info("order {} started for {}", order.orderRef(), request.rpName());
        return order;
    }

    private void rpCollect(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        authorizeRp(exchange);
        String orderRef = HttpReply.requiredText(HttpReply.readJson(exchange), "orderRef", 100);
        HttpReply.json(exchange, 200, collect(orderRef));
    }

    /** The collect answer of section 3. */
    Map<String, Object> collect(String orderRef) throws OobServerException {
        OrderRecord order = server.collect(orderRef);
        Map<String, Object> reply = new HashMap<>();
        reply.put("orderRef", order.orderRef());
        reply.put("status", order.status().code());
        order.hint().ifPresent(h -> reply.put("hintCode", h.code()));
        order.completion().ifPresent(c -> reply.put("completionData", completionData(c)));
        return reply;
    }

    private static Map<String, Object> completionData(Completion c) {
        Map<String, Object> data = new HashMap<>();
        data.put("hsaId", c.hsaId());
        data.put("name", c.name());
        c.personalIdentityNumber().ifPresent(p -> data.put("personalIdentityNumber", p.digits()));
        c.trustLevel().ifPresent(l -> data.put("trustLevel", l));
        try {
            data.put("certificate", Base64.getEncoder().encodeToString(c.certificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        data.put("signature", c.proof());
        data.put("signedAt", c.signedAt().toString());
        return data;
    }

    private void rpCancel(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        authorizeRp(exchange);
        String orderRef = HttpReply.requiredText(HttpReply.readJson(exchange), "orderRef", 100);
        OrderRecord order = server.cancel(orderRef);
        HttpReply.json(exchange, 200, Map.of("orderRef", order.orderRef(), "status", order.status().code()));
    }

    // ---- App API --------------------------------------------------------------------------------------

    private void jwks(HttpExchange exchange) throws IOException {
        HttpReply.json(exchange, 200, server.jwkSet());
    }

    private void appOrder(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        String token = HttpReply.requiredText(HttpReply.readJson(exchange), "autoStartToken", 128);
        HttpReply.json(exchange, 200, Map.of("order", server.fetchOrder(token)));
    }

    private void appProof(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        Map<String, Object> body = HttpReply.readJson(exchange);
        String token = HttpReply.requiredText(body, "autoStartToken", 128);
        String proof = HttpReply.requiredText(body, "proof", 32 * 1024);
        switch (server.submitProof(token, proof)) {
            case Verdict.Completed completed -> {
                LOG.info("order {} completed by {}", completed.order().orderRef(), completed.completion().hsaId());
                HttpReply.json(exchange, 200, Map.of("orderRef", completed.order().orderRef(), "status", "complete"));
            }
            case Verdict.Refused refused -> throw refused.refusal();
        }
    }

    private void appCancel(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        Map<String, Object> body = HttpReply.readJson(exchange);
        String token = HttpReply.requiredText(body, "autoStartToken", 128);
        OrderRecord order = server.cancelByApp(token, HttpReply.requiredText(body, "reason", 40));
        LOG.info("order {} cancelled by the app: {}", order.orderRef(), order.hint().map(h -> h.code()).orElse(""));
        HttpReply.json(exchange, 200, Map.of("orderRef", order.orderRef(), "status", order.status().code()));
    }

    private void appPollSession(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        String request = HttpReply.requiredText(HttpReply.readJson(exchange), "request", 32 * 1024);
        PollSession session = server.openPollSession(request);
        LOG.info("poll session opened for {}", session.hsaId());
        HttpReply.json(exchange, 200, Map.of("pollSession", session.token(), "hsaId", session.hsaId(),
                "expiresIn", Duration.between(config.clock.instant(), session.expiresAt()).toSeconds()));
    }

    /** Long poll: asks the library, waits (real time) until an order changes or the wait is over, asks again. */
    private void appPoll(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        Map<String, Object> body = HttpReply.readJson(exchange);
        String session = HttpReply.requiredText(body, "pollSession", 128);
        long wait = body.get("waitSeconds") instanceof Number n ? Math.max(0, n.longValue()) : 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.min(wait, MAX_POLL_WAIT.toSeconds())).toNanos();
        Optional<String> token;
        try {
            synchronized (orderChanged) {
                while ((token = server.pendingOrderFor(session)).isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    orderChanged.wait(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(503, "internalError", null, "shutting down");
        }
        if (token.isEmpty()) {
            HttpReply.noContent(exchange);
            return;
        }
        HttpReply.json(exchange, 200, Map.of("autoStartToken", token.get()));
    }

    /** Configuration of an {@link AuthenticationService}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int port;
        private String publicHost = "127.0.0.1";
        private String appPath = "";
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

        /**
         * Serves the app API under this path (a service URL with a path, protocol document 1.1, as an identity
         * provider serves one per realm), e.g. {@code /realms/test/legitimera}; default: at the origin's root.
         */
        public Builder withAppPath(String path) {
            this.appPath = new ServiceOrigin("127.0.0.1", 443, Objects.requireNonNull(path)).path();
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
