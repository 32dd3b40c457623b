package se.legitimera.smartcard.cert;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the issuing CA certificate of a card certificate, which OCSP needs and a login proof sends along: a
 * card holds no CA certificate. Looks among the configured certificates first, then fetches the file at
 * the certificate's AIA caIssuers URL (http or https). A candidate counts only when its subject is the
 * certificate's issuer, it is a CA, and its key verifies the certificate's signature.
 *
 * <p>A fetched CA is not trusted for anything by this: it completes a chain that the service (or the OCSP
 * answer's signature) is checked against. Fetched CAs are cached for the life of the locator, so one card
 * costs one fetch. Thread-safe; {@link #issuerOf} may block up to the timeout per AIA URL.
 */
public interface IssuerLocator {

    /** The issuing CA of {@code certificate}, or empty when no configured or fetched certificate fits. */
    Optional<X509Certificate> issuerOf(X509Certificate certificate);

    /**
     * The CA certificates to send after {@code certificate} (a login proof's {@code x5c}, a TLS chain): its
     * issuing CA, that CA's issuer and so on, closest first, without a self-signed root (the verifier has
     * its own roots and must never take one from the sender). Ends where no issuer is found. The one place
     * where the desktop app and {@code legitimera auth} build the chain, so both send the same.
     */
    default List<X509Certificate> chainOf(X509Certificate certificate) {
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate current = certificate;
        while (chain.size() < MAX_CHAIN_CAS) {
            Optional<X509Certificate> issuer = issuerOf(current);
            if (issuer.isEmpty() || issuer.get().getSubjectX500Principal()
                    .equals(issuer.get().getIssuerX500Principal()) || chain.contains(issuer.get())) {
                break;
            }
            chain.add(issuer.get());
            current = issuer.get();
        }
        return List.copyOf(chain);
    }

    /** More intermediate CAs than any real hierarchy has (SITHS: root, issuing CA): a loop guard. */
    int MAX_CHAIN_CAS = 4;

    static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link IssuerLocator}. */
    final class Builder {
        private final List<X509Certificate> known = new ArrayList<>();
        private CaIssuersTransport transport = CaIssuersTransport.http();
        private Duration timeout = Duration.ofSeconds(5);
        private boolean fetching = true;

        private Builder() {
        }

        /** CA certificates to look among before fetching (configured, bundled or from the demo). */
        public Builder withKnownCertificates(Collection<X509Certificate> certificates) {
            certificates.forEach(c -> known.add(Objects.requireNonNull(c, "certificate")));
            return this;
        }

        public Builder withTransport(CaIssuersTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Per AIA URL; default 5 s. */
        public Builder withTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Whether AIA URLs are fetched at all (default true); off, only known certificates are used. */
        public Builder withFetching(boolean fetching) {
            this.fetching = fetching;
            return this;
        }

        public IssuerLocator build() {
            return new AiaIssuerLocator(known, fetching ? Optional.of(transport) : Optional.empty(), timeout);
        }
    }
}
