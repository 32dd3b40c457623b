package se.legitimera.smartcard.cert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps certificate policy OIDs (first) and issuing-CA common names (fallback) to trust levels. Inera
 * recommends reading the level from a policy OID in SITHS e-id certificates; which OIDs those are is not
 * confirmed here, so the defaults are marked unconfirmed and IT can replace them by configuration.
 * Immutable and thread-safe.
 */
public interface TrustLevelTable {

    /** The level for a certificate with these policy OIDs and this issuer CN. */
    TrustLevel levelFor(List<String> policyOids, String issuerCommonName);

    /** The built-in table (all entries UNCONFIRMED). */
    static TrustLevelTable defaults() {
        return builder().withDefaults().build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TrustLevelTable}. */
    final class Builder {
        private final Map<String, TrustLevel> byPolicy = new LinkedHashMap<>();
        private final Map<String, TrustLevel> byIssuer = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The defaults: Mobilt SITHS policy OID 1.2.752.74.8.512 and the issuing CAs of Inera's LoA matrix
         * (Person HSA-id/ID 3 → LoA3, HSA-id/ID 2 → LoA2). UNCONFIRMED: not checked against real cards.
         */
        public Builder withDefaults() {
            byPolicy.putIfAbsent("1.2.752.74.8.512", new TrustLevel("LoA3", "policy 1.2.752.74.8.512", false));
            for (String ca : List.of("SITHS e-id Person HSA-id 3 CA v1", "SITHS e-id Person ID 3 CA v1",
                    "SITHS e-id Person ID Mobile CA v1")) {
                byIssuer.putIfAbsent(ca, new TrustLevel("LoA3", "issuer " + ca, false));
            }
            for (String ca : List.of("SITHS e-id Person HSA-id 2 CA v1", "SITHS e-id Person ID 2 CA v1")) {
                byIssuer.putIfAbsent(ca, new TrustLevel("LoA2", "issuer " + ca, false));
            }
            return this;
        }

        /** A policy OID that gives {@code level}; {@code confirmed} says it was checked. */
        public Builder withPolicy(String oid, String level, boolean confirmed) {
            byPolicy.put(Objects.requireNonNull(oid), new TrustLevel(level, "policy " + oid, confirmed));
            return this;
        }

        /** An issuing CA (common name) whose certificates have {@code level}. */
        public Builder withIssuer(String commonName, String level, boolean confirmed) {
            byIssuer.put(Objects.requireNonNull(commonName), new TrustLevel(level, "issuer " + commonName, confirmed));
            return this;
        }

        public TrustLevelTable build() {
            Map<String, TrustLevel> policies = Map.copyOf(byPolicy);
            Map<String, TrustLevel> issuers = Map.copyOf(byIssuer);
            return (oids, issuer) -> {
                for (String oid : oids) {
                    TrustLevel level = policies.get(oid);
                    if (level != null) {
                        return level;
                    }
                }
                return issuer == null ? TrustLevel.UNKNOWN : issuers.getOrDefault(issuer, TrustLevel.UNKNOWN);
            };
        }
    }
}
