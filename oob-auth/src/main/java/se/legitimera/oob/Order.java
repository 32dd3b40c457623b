package se.legitimera.oob;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An order as signed by the service and verified by the client: what the app shows before it asks for
 * the PIN. Instances come only from {@link OobClient#fetchOrder}.
 *
 * @param link         the link the order was fetched with (its token authorises proof and cancel)
 * @param orderRef     the service's opaque reference of the order
 * @param rpName       the relying party's name, shown as "Jag legitimerar mig hos {@code rpName}"
 * @param rpOrigin     the relying party's web origin as registered at the service
 * @param message      the relying party's message to the user, if any
 * @param challenge    the service's challenge (base64url), bound into the proof
 * @param requestedLoa the trust level the relying party asked for, if any
 * @param hsaId        the HSA-id the order is addressed to, if the relying party named one
 * @param issuedAt     when the service created the order
 * @param expiresAt    when the order expires; the client refuses to sign after it
 */
public record Order(AutoStartLink link, String orderRef, String rpName, String rpOrigin, Optional<String> message,
                    String challenge, OptionalInt requestedLoa, Optional<String> hsaId, Instant issuedAt,
                    Instant expiresAt) {

    /** The service the order belongs to. */
    public ServiceOrigin service() {
        return link.service();
    }

    @Override
    public String toString() {
        return "Order[" + orderRef + " for " + rpName + " at " + link.service() + ", expires " + expiresAt + "]";
    }
}
