package se.legitimera.oob.server;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.legitimera.smartcard.cert.OcspTransport;

/**
 * The server side of docs/oob-protocol.md, independent of any HTTP server: a host maps each endpoint to one
 * call and each result (or {@link OobServerException}) to its answer.
 *
 * <table>
 *   <caption>endpoints and calls</caption>
 *   <tr><td>{@code POST /rp/v1/auth}</td><td>{@link #startOrder}</td></tr>
 *   <tr><td>{@code POST /rp/v1/collect}</td><td>{@link #collect}</td></tr>
 *   <tr><td>{@code POST /rp/v1/cancel}</td><td>{@link #cancel}</td></tr>
 *   <tr><td>{@code GET /.well-known/legitimera/jwks.json}</td><td>{@link #jwkSet}</td></tr>
 *   <tr><td>{@code POST /app/v1/order}</td><td>{@link #fetchOrder}</td></tr>
 *   <tr><td>{@code POST /app/v1/proof}</td><td>{@link #submitProof}</td></tr>
 *   <tr><td>{@code POST /app/v1/cancel}</td><td>{@link #cancelByApp}</td></tr>
 *   <tr><td>{@code POST /app/v1/poll/session}</td><td>{@link #openPollSession}</td></tr>
 *   <tr><td>{@code POST /app/v1/poll}</td><td>{@link #pendingOrderFor} (the host waits and asks again; an
 *       {@link OrderListener} tells it when to)</td></tr>
 * </table>
 *
 * <p>All state lives in the configured stores; expiry is applied whenever an order is read, so no timer runs.
 * Immutable and thread-safe. Build with {@link #builder()}.
 */
public interface OobServer {

    /** The service URL: the orders' {@code iss} and the {@code aud} proofs must name. */
    ServiceUrl serviceUrl();

    /** The lifetime of orders that ask for no other. */
    Duration orderLifetime();

    /**
     * Starts an order; a pending order addressed to the same HSA-id fails with {@code cancelled} first.
     */
    StartedOrder startOrder(OrderRequest request) throws StoreException, OrderSigningException;

    /** The order as it is now (expiry applied). */
    OrderRecord collect(String orderRef) throws UnknownOrderException, StoreException;

    /** The RP cancels: a pending order fails with {@code cancelled}; a finished one is returned unchanged. */
    OrderRecord cancel(String orderRef) throws UnknownOrderException, StoreException;

    /**
     * The app fetches the order JWS; the first fetch moves {@code outstandingTransaction} to {@code userSign}.
     * Idempotent.
     *
     * @throws UnknownOrderException   no such token
     * @throws OrderExpiredException   expired
     * @throws OrderFailedException    failed or cancelled
     * @throws OrderCompletedException already complete
     */
    String fetchOrder(String autoStartToken) throws OobServerException;

    /**
     * Verifies a posted proof exactly as section 4.3 says and, when it holds, completes the order. Never throws:
     * every refusal is a {@link Verdict.Refused} naming its reason.
     */
    Verdict submitProof(String autoStartToken, String proof);

    /**
     * The app gives up with a reason of section 4.4 ({@code userCancel}, {@code noCard}, {@code pinBlocked},
     * {@code certificateErr}); the order fails with it.
     *
     * @throws InvalidParametersException for another reason (a wrong PIN is not one)
     */
    OrderRecord cancelByApp(String autoStartToken, String reason) throws OobServerException;

    /**
     * Verifies a poll request (section 5: signature, {@code typ}, {@code ver}, {@code aud}, {@code iat} within
     * the skew of now, {@code jti} single use, the certificate as for proofs) and opens a poll session for the
     * certificate's HSA-id.
     */
    PollSession openPollSession(String request) throws OobServerException;

    /**
     * The autostart token of a pending, not yet fetched order addressed to the session's HSA-id, if one exists
     * now. Does not wait.
     */
    Optional<String> pendingOrderFor(String pollSessionToken) throws UnknownPollSessionException, StoreException;

    /** The public JWK set of the order-signing keys, as a JSON object (members {@code keys}, ...). */
    Map<String, Object> jwkSet();

    /**
     * Signs a host's own token (an OIDC {@code id_token} of the reference service) with the current order key,
     * so that the JWK set verifies it too.
     *
     * @param type   the JWS {@code typ}, e.g. {@code JWT}
     * @param claims JSON-compatible claim values (strings, numbers, booleans, lists, maps)
     */
    String signToken(String type, Map<String, Object> claims) throws OrderSigningException;

    static Builder builder() {
        return new Builder();
    }

    /** Configuration of an {@link OobServer}; {@link #build()} checks it. */
    final class Builder {
        Clock clock = Clock.systemUTC();
        ServiceUrl serviceUrl;
        OrderKeys orderKeys;
        OrderStore orderStore;
        SingleUseStore singleUseStore;
        PollSessionStore pollSessionStore;
        final List<OrderListener> listeners = new ArrayList<>();
        Duration orderLifetime = Duration.ofSeconds(120);
        Duration retention = Duration.ofMinutes(5);
        Duration clockSkew = Duration.ofSeconds(30);
        Duration pollSessionLifetime = Duration.ofHours(8);
        final List<X509Certificate> trustAnchors = new ArrayList<>();
        final List<X509Certificate> intermediates = new ArrayList<>();
        final Map<String, Integer> trustLevels = new LinkedHashMap<>();
        OcspMode ocspMode = OcspMode.FAIL_CLOSED;
        URI ocspResponder;
        Duration ocspTimeout = Duration.ofSeconds(5);
        Duration ocspCacheLifetime = Duration.ofMinutes(5);
        OcspTransport ocspTransport = OcspTransport.http();

        private Builder() {
        }

        /** The clock for expiry, freshness and validity; default system UTC. */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where apps reach the app API: an origin ({@code https://127.0.0.1:8443}, protocol 1.0) or an origin
         * with a path ({@code https://idp.example/realms/vard/legitimera}, protocol 1.1). Required.
         *
         * @throws IllegalArgumentException when it is not an https URL without query or fragment
         */
        public Builder withServiceUrl(String url) {
            this.serviceUrl = ServiceUrl.parse(url);
            return this;
        }

        /** The order-signing keys. Required. */
        public Builder withOrderKeys(OrderKeys keys) {
            this.orderKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Default: {@link OrderStore#inMemory(Clock)} with the configured clock. */
        public Builder withOrderStore(OrderStore store) {
            this.orderStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Default: {@link SingleUseStore#inMemory(Clock)} with the configured clock. */
        public Builder withSingleUseStore(SingleUseStore store) {
            this.singleUseStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Default: {@link PollSessionStore#inMemory(Clock)} with the configured clock. */
        public Builder withPollSessionStore(PollSessionStore store) {
            this.pollSessionStore = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder withListener(OrderListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Default 120 s; at most 1 h. */
        public Builder withOrderLifetime(Duration lifetime) {
            this.orderLifetime = positive(lifetime, "order lifetime");
            return this;
        }

        /** How long a finished order stays readable by collect; default 5 min. */
        public Builder withRetention(Duration retention) {
            this.retention = positive(retention, "retention");
            return this;
        }

        /** Allowed clock skew of the app's {@code iat}; default 30 s. */
        public Builder withClockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("clock skew must be 0 to 10 min");
            }
            this.clockSkew = skew;
            return this;
        }

        /** Default 8 h. */
        public Builder withPollSessionLifetime(Duration lifetime) {
            this.pollSessionLifetime = positive(lifetime, "poll session lifetime");
            return this;
        }

        /** A root CA that holder certificates must chain to. At least one is required. */
        public Builder withTrustAnchor(X509Certificate root) {
            trustAnchors.add(Objects.requireNonNull(root, "root"));
            return this;
        }

        /**
         * An intermediate (issuing) CA that completes a proof's {@code x5c} when the card sends only its own
         * certificate, as real SITHS cards do. Not a trust anchor: it must chain to one.
         */
        public Builder withIntermediateCertificate(X509Certificate ca) {
            intermediates.add(Objects.requireNonNull(ca, "ca"));
            return this;
        }

        /** A certificate policy OID that gives trust level {@code level} (1..4). The SITHS OIDs are configuration. */
        public Builder withTrustLevel(String policyOid, int level) {
            Objects.requireNonNull(policyOid, "policyOid");
            if (level < 1 || level > 4) {
                throw new IllegalArgumentException("trust levels are 1 to 4");
            }
            trustLevels.put(policyOid, level);
            return this;
        }

        /** OCSP off, fail closed (default) or fail open. */
        public Builder withOcspMode(OcspMode mode) {
            this.ocspMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Ask this responder for every certificate instead of the one in the certificate's AIA. */
        public Builder withOcspResponder(URI responder) {
            this.ocspResponder = Objects.requireNonNull(responder, "responder");
            return this;
        }

        /** Per OCSP request; default 5 s. */
        public Builder withOcspTimeout(Duration timeout) {
            this.ocspTimeout = positive(timeout, "OCSP timeout");
            return this;
        }

        /**
         * How long an OCSP answer is reused: until its nextUpdate, but at most this long (and this long for an
         * answer without nextUpdate); {@link Duration#ZERO} asks every time. Default 5 min.
         */
        public Builder withOcspCacheLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative()) {
                throw new IllegalArgumentException("OCSP cache lifetime must not be negative");
            }
            this.ocspCacheLifetime = lifetime;
            return this;
        }

        /** How OCSP requests are sent; default the JDK's HTTP client. */
        public Builder withOcspTransport(OcspTransport transport) {
            this.ocspTransport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** @throws IllegalStateException when a required setting is missing or settings contradict */
        public OobServer build() {
            if (serviceUrl == null) {
                throw new IllegalStateException("no service URL");
            }
            if (orderKeys == null) {
                throw new IllegalStateException("no order-signing keys");
            }
            if (trustAnchors.isEmpty()) {
                throw new IllegalStateException("no trust anchor: no proof could ever be accepted");
            }
            if (orderLifetime.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalStateException("orders live at most 1 h");
            }
            return new DefaultOobServer(this);
        }

        private static Duration positive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return duration;
        }
    }
}
