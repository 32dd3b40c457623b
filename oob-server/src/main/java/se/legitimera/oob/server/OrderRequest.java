package se.legitimera.oob.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a host asks for when it starts an order: the RP's {@code POST /rp/v1/auth}, a Keycloak login page or a
 * CIBA backchannel request. Immutable; build with {@link #builder(String)}, whose {@link Builder#build()}
 * checks the limits of section 3.
 *
 * @param rpName         the name the user sees ("Jag legitimerar mig hos rpName"), at most 100 characters
 * @param rpOrigin       the RP's web origin; empty: the service's own origin
 * @param message        text for the user (plain, at most 1000 characters), e.g. a CIBA binding message
 * @param hsaId          address the order to this HSA-id (one active order per HSA-id; section 5 delivers it)
 * @param requestedLoa   minimum trust level 1..4
 * @param lifetime       this order's lifetime instead of the server's (e.g. CIBA's requested_expiry)
 * @param hostAttributes the host's own values kept with the order (at most 16, keys and values at most 256 chars)
 */
public record OrderRequest(String rpName, Optional<String> rpOrigin, Optional<String> message, Optional<String> hsaId,
                           OptionalInt requestedLoa, Optional<Duration> lifetime, Map<String, String> hostAttributes) {

    public OrderRequest {
        Objects.requireNonNull(rpName, "rpName");
        Objects.requireNonNull(rpOrigin, "rpOrigin");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hsaId, "hsaId");
        Objects.requireNonNull(requestedLoa, "requestedLoa");
        Objects.requireNonNull(lifetime, "lifetime");
        hostAttributes = Map.copyOf(hostAttributes);
    }

    public static Builder builder(String rpName) {
        return new Builder(rpName);
    }

    /** Builds and checks an {@link OrderRequest}. */
    public static final class Builder {
        private final String rpName;
        private String rpOrigin;
        private String message;
        private String hsaId;
        private Integer requestedLoa;
        private Duration lifetime;
        private final Map<String, String> hostAttributes = new LinkedHashMap<>();

        private Builder(String rpName) {
            this.rpName = rpName;
        }

        /** {@code https://host[:port]}; written canonically (explicit port, lower-case host) by {@link #build()}. */
        public Builder withRpOrigin(String origin) {
            this.rpOrigin = origin;
            return this;
        }

        public Builder withMessage(String message) {
            this.message = message;
            return this;
        }

        public Builder withHsaId(String hsaId) {
            this.hsaId = hsaId;
            return this;
        }

        public Builder withRequestedLoa(int level) {
            this.requestedLoa = level;
            return this;
        }

        public Builder withLifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Builder withHostAttribute(String key, String value) {
            hostAttributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @throws InvalidParametersException naming the first member out of bounds */
        public OrderRequest build() throws InvalidParametersException {
            if (rpName == null || rpName.isBlank() || rpName.length() > 100) {
                throw new InvalidParametersException("rpName: 1 to 100 characters");
            }
            if (message != null && message.length() > 1000) {
                throw new InvalidParametersException("message: at most 1000 characters");
            }
            if (hsaId != null && (hsaId.isBlank() || hsaId.length() > 64)) {
                throw new InvalidParametersException("hsaId: 1 to 64 characters");
            }
            if (requestedLoa != null && (requestedLoa < 1 || requestedLoa > 4)) {
                throw new InvalidParametersException("requestedLoa must be 1 to 4");
            }
            if (lifetime != null && (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofHours(1)) > 0)) {
                throw new InvalidParametersException("lifetime: more than 0 and at most 1 h");
            }
            if (hostAttributes.size() > 16 || hostAttributes.entrySet().stream()
                    .anyMatch(e -> e.getKey().length() > 256 || e.getValue().length() > 256)) {
                throw new InvalidParametersException("hostAttributes: at most 16, of at most 256 characters");
            }
            Optional<String> origin = Optional.empty();
            if (rpOrigin != null) {
                ServiceUrl parsed;
                try {
                    parsed = ServiceUrl.parse(rpOrigin);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParametersException("rpOrigin: " + e.getMessage(), e);
                }
                if (!parsed.path().isEmpty()) {
                    throw new InvalidParametersException("rpOrigin: an origin has no path");
                }
                origin = Optional.of(parsed.origin());
            }
            return new OrderRequest(rpName, origin, Optional.ofNullable(message), Optional.ofNullable(hsaId),
                    requestedLoa == null ? OptionalInt.empty() : OptionalInt.of(requestedLoa),
                    Optional.ofNullable(lifetime), hostAttributes);
        }
    }
}
