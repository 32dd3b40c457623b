package se.legitimera.smartcard.cert;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Checks a certificate's revocation status by OCSP (the responder from its AIA). Answers are verified
 * (signed by the issuer or by a responder the issuer delegated with id-kp-OCSPSigning) and cached per
 * issuer + serial until their nextUpdate (at most {@link Builder#withMaxCacheAge}). Anything short of a verified answer is UNKNOWN, never GOOD.
 * Thread-safe; blocks the calling thread for at most about the configured timeout per responder.
 */
public interface RevocationChecker {

    /**
     * @param certificate the certificate to check
     * @param issuer its issuing CA's certificate
     */
    RevocationResult check(X509Certificate certificate, X509Certificate issuer);

    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RevocationChecker}. */
    final class Builder {
        private OcspTransport transport = OcspTransport.http();
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(5);
        private Duration maxClockSkew = Duration.ofMinutes(5);
        private URI responder;
        private Duration maxCacheAge;

        private Builder() {
        }

        public Builder withTransport(OcspTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Per request; default 5 s. */
        public Builder withTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Tolerance for thisUpdate in the future / nextUpdate in the past; default 5 min. */
        public Builder withMaxClockSkew(Duration maxClockSkew) {
            this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
            return this;
        }

        /**
         * Asks this responder about every certificate instead of the responders in the certificate's AIA (a
         * service that runs or names its own OCSP responder).
         */
        public Builder withResponder(URI responder) {
            this.responder = Objects.requireNonNull(responder, "responder");
            return this;
        }

        /**
         * Reuses an answer at most this long, also one without nextUpdate (which is otherwise never reused);
         * {@link Duration#ZERO} asks every time. Default: until nextUpdate, and answers without one not at all.
         */
        public Builder withMaxCacheAge(Duration maxCacheAge) {
            if (maxCacheAge.isNegative()) {
                throw new IllegalArgumentException("max cache age must not be negative");
            }
            this.maxCacheAge = maxCacheAge;
            return this;
        }

        public RevocationChecker build() {
            return new OcspRevocationChecker(transport, clock, timeout, maxClockSkew, responder, maxCacheAge);
        }
    }
}
