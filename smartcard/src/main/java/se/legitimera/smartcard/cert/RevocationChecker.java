package se.legitimera.smartcard.cert;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Checks a certificate's revocation status by OCSP (the responder from its AIA). Answers are verified
 * (signed by the issuer or by a responder the issuer delegated with id-kp-OCSPSigning) and cached per
 * issuer + serial until their nextUpdate. Anything short of a verified answer is UNKNOWN, never GOOD.
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

        public RevocationChecker build() {
            return new OcspRevocationChecker(transport, clock, timeout, maxClockSkew);
        }
    }
}
