package se.legitimera.oob.server;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One order as stored: its immutable request part and its current state. Replaced, never mutated: every
 * state change is a new record with {@link #version()} one higher, written with
 * {@link OrderStore#replace(OrderRecord, OrderRecord, Instant)} (compare and set), so that hosts on several
 * nodes cannot both move one order out of {@code pending}.
 *
 * <p>{@link OrderRecords#toMap(OrderRecord)} and {@link OrderRecords#fromMap(Map)} turn it into a string map
 * and back, for stores that hold string maps (Keycloak's single-use object store).
 *
 * @param orderRef       the order's public reference (the RP's handle)
 * @param autoStartToken the app's bearer capability for this order; never logged
 * @param rpName         who asks, as the user sees it
 * @param rpOrigin       the relying party's web origin (canonical {@code https://host:port})
 * @param message        text shown to the user (a CIBA binding message, for example)
 * @param hsaId          the HSA-id the order is addressed to, if any
 * @param requestedLoa   the minimum trust level (1..4), if any
 * @param challenge      base64url random bytes the proof must sign
 * @param createdAt      creation time (the earliest acceptable proof {@code iat}, less the skew)
 * @param expiresAt      when a pending order expires
 * @param orderJws       the signed order the app fetches
 * @param status         pending, complete or failed
 * @param hint           the hint code (always present unless complete)
 * @param fetched        whether an app has fetched the order
 * @param completion     present once complete
 * @param hostAttributes the host's own values for this order (a CIBA request id, a session id), unread here
 * @param version        starts at 0, one higher with each change
 */
public record OrderRecord(String orderRef, String autoStartToken, String rpName, String rpOrigin,
                          Optional<String> message, Optional<String> hsaId, OptionalInt requestedLoa,
                          String challenge, Instant createdAt, Instant expiresAt, String orderJws,
                          OrderStatus status, Optional<HintCode> hint, boolean fetched,
                          Optional<Completion> completion, Map<String, String> hostAttributes, long version) {

    public OrderRecord {
        Objects.requireNonNull(orderRef, "orderRef");
        Objects.requireNonNull(autoStartToken, "autoStartToken");
        Objects.requireNonNull(rpName, "rpName");
        Objects.requireNonNull(rpOrigin, "rpOrigin");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hsaId, "hsaId");
        Objects.requireNonNull(requestedLoa, "requestedLoa");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(orderJws, "orderJws");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(completion, "completion");
        hostAttributes = Map.copyOf(hostAttributes);
        if ((status == OrderStatus.COMPLETE) != completion.isPresent()) {
            throw new IllegalArgumentException("a completion exactly when complete");
        }
        if (status != OrderStatus.COMPLETE && hint.isEmpty()) {
            throw new IllegalArgumentException("a pending or failed order has a hint code");
        }
        if (hint.isPresent() && hint.get().pending() != (status == OrderStatus.PENDING)) {
            throw new IllegalArgumentException("hint code " + hint.get().code() + " does not fit status " + status.code());
        }
    }

    /** Whether the order is still pending (expiry aside: {@link OobServer} applies expiry when it reads). */
    public boolean pending() {
        return status == OrderStatus.PENDING;
    }

    /** The next version of this order in another state. */
    OrderRecord with(OrderStatus newStatus, Optional<HintCode> newHint, boolean newFetched,
                     Optional<Completion> newCompletion) {
        return new OrderRecord(orderRef, autoStartToken, rpName, rpOrigin, message, hsaId, requestedLoa, challenge,
                createdAt, expiresAt, orderJws, newStatus, newHint, newFetched, newCompletion, hostAttributes,
                version + 1);
    }

    /** Without the autostart token and the challenge. */
    @Override
    public String toString() {
        return "OrderRecord[" + orderRef + ", " + status.code() + hint.map(h -> "/" + h.code()).orElse("")
                + ", rp " + rpName + ", v" + version + "]";
    }
}
