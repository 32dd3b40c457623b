package se.legitimera.smartcard.cert;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;

/** Reads X.509 certificates into {@link SithsCertificate}s. Immutable and thread-safe. */
public interface SithsCertificateReader {

    /**
     * @throws IllegalArgumentException when the certificate's extensions cannot be parsed
     */
    SithsCertificate read(X509Certificate certificate);

    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SithsCertificateReader}. */
    final class Builder {
        private Clock clock = Clock.systemUTC();
        private TrustLevelTable trustLevels = TrustLevelTable.defaults();

        private Builder() {
        }

        /** The clock for {@link SithsCertificate#daysLeft()}; default system UTC. */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Policy/issuer → trust level; default {@link TrustLevelTable#defaults()}. */
        public Builder withTrustLevels(TrustLevelTable trustLevels) {
            this.trustLevels = Objects.requireNonNull(trustLevels, "trustLevels");
            return this;
        }

        public SithsCertificateReader build() {
            return new BcSithsCertificateReader(clock, trustLevels);
        }
    }
}
