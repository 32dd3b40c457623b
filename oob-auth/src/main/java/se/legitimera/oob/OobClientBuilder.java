package se.legitimera.oob;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import se.legitimera.oob.internal.ClientConfiguration;
import se.legitimera.oob.internal.DefaultOobClient;

/**
 * Configures an {@link OobClient}. Not thread-safe; {@link #build()} validates the configuration and
 * copies it, so the builder can be reused.
 */
public final class OobClientBuilder {

    private Clock clock = Clock.systemUTC();
    private final Set<ServiceOrigin> allowedOrigins = new HashSet<>();
    private final Map<ServiceOrigin, Set<SpkiPin>> pins = new HashMap<>();
    private final Map<ServiceOrigin, JWKSet> orderKeys = new HashMap<>();
    private final List<X509Certificate> trustedCertificates = new ArrayList<>();
    private boolean systemTrustStore = true;
    private ProxySelector proxySelector = ProxySelector.getDefault();
    private InetSocketAddress proxy;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(15);
    private int readAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private ProofAlgorithm rsaAlgorithm = ProofAlgorithm.RS256;
    private Duration clockSkew = Duration.ofSeconds(30);

    OobClientBuilder() {
    }

    /** The clock that decides expiry and stamps proofs (default: system UTC). */
    public OobClientBuilder withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Allows a service origin (from settings, policy or {@code --allow}); no other origin is contacted. */
    public OobClientBuilder withAllowedOrigin(ServiceOrigin origin) {
        allowedOrigins.add(Objects.requireNonNull(origin));
        return this;
    }

    public OobClientBuilder withAllowedOrigins(Collection<ServiceOrigin> origins) {
        origins.forEach(this::withAllowedOrigin);
        return this;
    }

    /**
     * Pins the service's TLS keys: a handshake with this origin's host (on any port; behind a proxy the
     * port is not known in the handshake) succeeds only if one certificate of the presented chain has one
     * of these keys; otherwise {@link TlsInterceptionDetectedException}.
     */
    public OobClientBuilder withPinnedKeys(ServiceOrigin origin, Collection<SpkiPin> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no pins for " + origin);
        }
        // TLS knows hosts, not paths: a service URL's pins are its origin's
        pins.computeIfAbsent(Objects.requireNonNull(origin).origin(), o -> new HashSet<>()).addAll(keys);
        return this;
    }

    /** Trusts a service TLS certificate (or CA) in addition to the system trust store. */
    public OobClientBuilder withTrustedCertificate(X509Certificate certificate) {
        trustedCertificates.add(Objects.requireNonNull(certificate));
        return this;
    }

    /** Whether the operating system's / JDK's trust store counts (default true). */
    public OobClientBuilder withSystemTrustStore(boolean use) {
        this.systemTrustStore = use;
        return this;
    }

    /**
     * Uses these keys to verify the service's orders instead of fetching its JWKS from
     * {@code /.well-known/legitimera/jwks.json}.
     */
    public OobClientBuilder withOrderSigningKeys(ServiceOrigin origin, JWKSet keys) {
        orderKeys.put(Objects.requireNonNull(origin), keys.toPublicJWKSet());
        return this;
    }

    /** Routes through the system's proxy settings ({@link ProxySelector#getDefault()}), the default. */
    public OobClientBuilder withSystemProxy() {
        this.proxySelector = ProxySelector.getDefault();
        this.proxy = null;
        return this;
    }

    /** Routes every request through this HTTP proxy (CONNECT tunnel; pins still apply end to end). */
    public OobClientBuilder withProxy(InetSocketAddress proxy) {
        this.proxy = Objects.requireNonNull(proxy);
        this.proxySelector = null;
        return this;
    }

    /** Connects directly, ignoring system proxy settings. */
    public OobClientBuilder withoutProxy() {
        this.proxy = null;
        this.proxySelector = null;
        return this;
    }

    public OobClientBuilder withConnectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout);
        return this;
    }

    /** How long to wait for a response (long polls add their own wait to it). */
    public OobClientBuilder withReadTimeout(Duration timeout) {
        this.readTimeout = positive(timeout);
        return this;
    }

    /**
     * How often an idempotent read is tried (1 = no retry) and the first backoff, doubled each retry.
     * Proofs are never retried.
     */
    public OobClientBuilder withReadRetries(int attempts, Duration initialBackoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.readAttempts = attempts;
        this.initialBackoff = Objects.requireNonNull(initialBackoff);
        return this;
    }

    /** RS256 (default) or PS256 for RSA card keys. */
    public OobClientBuilder withRsaAlgorithm(ProofAlgorithm algorithm) {
        if (algorithm != ProofAlgorithm.RS256 && algorithm != ProofAlgorithm.PS256) {
            throw new IllegalArgumentException("not an RSA algorithm: " + algorithm);
        }
        this.rsaAlgorithm = algorithm;
        return this;
    }

    /** Tolerated difference between this clock and the service's for {@code iat} (default 30 s). */
    public OobClientBuilder withClockSkew(Duration skew) {
        this.clockSkew = Objects.requireNonNull(skew);
        return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException when no origin is allowed, or no trust is left (no system trust store and
     *                               no extra certificate)
     */
    public OobClient build() {
        if (allowedOrigins.isEmpty()) {
            throw new IllegalStateException("no service origin is allowed");
        }
        if (!systemTrustStore && trustedCertificates.isEmpty()) {
            throw new IllegalStateException("no trust: the system trust store is off and no certificate was added");
        }
        Map<ServiceOrigin, Set<SpkiPin>> pinCopy = new HashMap<>();
        pins.forEach((o, p) -> pinCopy.put(o, Set.copyOf(p)));
        return new DefaultOobClient(new ClientConfiguration(clock, Set.copyOf(allowedOrigins), Map.copyOf(pinCopy),
                Map.copyOf(orderKeys), List.copyOf(trustedCertificates), systemTrustStore, proxySelector, proxy,
                connectTimeout, readTimeout, readAttempts, initialBackoff, rsaAlgorithm, clockSkew));
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive: " + d);
        }
        return d;
    }
}
