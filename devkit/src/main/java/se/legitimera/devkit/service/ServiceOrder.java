package se.legitimera.devkit.service;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An order's immutable request part and its current state. Instances are replaced, never mutated, so that
 * readers outside the {@link OrderBook}'s lock see a consistent snapshot.
 */
record ServiceOrder(String orderRef, String autoStartToken, String rpName, String rpOrigin, Optional<String> message,
                    Optional<String> hsaId, OptionalInt requestedLoa, String challenge, Instant createdAt,
                    Instant expiresAt, String orderJws, OrderStatus status, String hintCode, boolean fetched,
                    Optional<Completion> completion) {

    ServiceOrder with(OrderStatus newStatus, String newHint, boolean newFetched, Optional<Completion> newCompletion) {
        return new ServiceOrder(orderRef, autoStartToken, rpName, rpOrigin, message, hsaId, requestedLoa, challenge,
                createdAt, expiresAt, orderJws, newStatus, newHint, newFetched, newCompletion);
    }

    boolean pending() {
        return status == OrderStatus.PENDING;
    }
}
