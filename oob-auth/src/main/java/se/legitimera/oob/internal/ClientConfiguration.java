package se.legitimera.oob.internal;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.legitimera.oob.ProofAlgorithm;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.SpkiPin;

/** The validated, immutable configuration an {@link DefaultOobClient} is built from. */
public record ClientConfiguration(Clock clock, Set<ServiceOrigin> allowedOrigins, Map<ServiceOrigin, Set<SpkiPin>> pins,
                                  Map<ServiceOrigin, JWKSet> orderKeys, List<X509Certificate> trustedCertificates,
                                  boolean systemTrustStore, ProxySelector proxySelector, InetSocketAddress proxy,
                                  Duration connectTimeout, Duration readTimeout, int readAttempts,
                                  Duration initialBackoff, ProofAlgorithm rsaAlgorithm, Duration clockSkew) {
}
