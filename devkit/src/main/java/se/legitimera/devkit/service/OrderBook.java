package se.legitimera.devkit.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import se.legitimera.oob.HintCode;

/**
 * The service's orders and their state machine:
 * <pre>
 *   pending/outstandingTransaction --fetch--> pending/userSign --proof ok--> complete
 *        |                                        |--proof with bad certificate--> failed/certificateErr
 *        |--expiry--> failed/startFailed          |--expiry--> failed/expiredTransaction
 *        |--RP cancel or newer order for the HSA-id--> failed/cancelled
 *                                                 |--app cancel--> failed/userCancel|noCard|pinBlocked|...
 * </pre>
 * Expiry is evaluated against the injected clock whenever an order is read, so no timer thread is needed.
 * All methods are thread-safe (one monitor; every operation is short). Finished orders are kept for
 * {@code retention} so that the relying party can still collect them, then purged.
 */
final class OrderBook {

    private final Clock clock;
    private final Duration ttl;
    private final Duration retention;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ServiceOrder> byRef = new HashMap<>();
    private final Map<String, String> refByToken = new HashMap<>();
    private final Map<String, String> activeRefByHsaId = new HashMap<>();

    OrderBook(Clock clock, Duration ttl, Duration retention) {
        this.clock = clock;
        this.ttl = ttl;
        this.retention = retention;
    }

    Duration ttl() {
        return ttl;
    }

    /**
     * Creates an order; an active order for the same HSA-id is cancelled first.
     *
     * @param signer turns the new order's fields into its signed JWS
     */
    synchronized ServiceOrder create(OrderRequest request, Function<ServiceOrder, String> signer) {
        purge();
        request.hsaId().ifPresent(hsaId -> {
            String previous = activeRefByHsaId.remove(hsaId);
            if (previous != null) {
                fail(previous, HintCode.CANCELLED);
            }
        });
        Instant now = clock.instant();
        ServiceOrder draft = new ServiceOrder(newId(16), newId(24), request.rpName(), request.rpOrigin(),
                request.message(), request.hsaId(), request.requestedLoa(), newId(32), now, now.plus(ttl), null,
                OrderStatus.PENDING, HintCode.OUTSTANDING_TRANSACTION.code(), false, Optional.empty());
        ServiceOrder order = new ServiceOrder(draft.orderRef(), draft.autoStartToken(), draft.rpName(), draft.rpOrigin(),
                draft.message(), draft.hsaId(), draft.requestedLoa(), draft.challenge(), draft.createdAt(),
                draft.expiresAt(), signer.apply(draft), draft.status(), draft.hintCode(), false, Optional.empty());
        byRef.put(order.orderRef(), order);
        refByToken.put(order.autoStartToken(), order.orderRef());
        request.hsaId().ifPresent(hsaId -> activeRefByHsaId.put(hsaId, order.orderRef()));
        notifyAll();
        return order;
    }

    /** The order by reference, with expiry applied. */
    synchronized Optional<ServiceOrder> byRef(String orderRef) {
        return Optional.ofNullable(current(orderRef));
    }

    /** The order by autostart token, with expiry applied. */
    synchronized Optional<ServiceOrder> byToken(String token) {
        String ref = refByToken.get(token);
        return ref == null ? Optional.empty() : Optional.ofNullable(current(ref));
    }

    /** The app fetched the order: outstandingTransaction becomes userSign. */
    synchronized Optional<ServiceOrder> markFetched(String token) {
        return byToken(token).map(order -> order.pending()
                ? put(order.with(OrderStatus.PENDING, HintCode.USER_SIGN.code(), true, Optional.empty()))
                : order);
    }

    /**
     * Completes a pending order once. Returns the order as it is afterwards; a non-pending order is
     * returned unchanged (the caller reports why).
     */
    synchronized ServiceOrder complete(String orderRef, Completion completion) {
        ServiceOrder order = current(orderRef);
        if (order == null || !order.pending()) {
            return order;
        }
        release(order);
        return put(order.with(OrderStatus.COMPLETE, null, order.fetched(), Optional.of(completion)));
    }

    /** Fails a pending order with a hint code; no effect on an order that is no longer pending. */
    synchronized Optional<ServiceOrder> fail(String orderRef, HintCode hint) {
        ServiceOrder order = current(orderRef);
        if (order == null) {
            return Optional.empty();
        }
        if (!order.pending()) {
            return Optional.of(order);
        }
        release(order);
        return Optional.of(put(order.with(OrderStatus.FAILED, hint.code(), order.fetched(), Optional.empty())));
    }

    /**
     * Waits (real time, at most {@code wait}) for a pending, not yet fetched order addressed to {@code hsaId}.
     */
    synchronized Optional<ServiceOrder> awaitFor(String hsaId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String ref = activeRefByHsaId.get(hsaId);
            ServiceOrder order = ref == null ? null : current(ref);
            if (order != null && order.pending() && !order.fetched()) {
                return Optional.of(order);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized int size() {
        return byRef.size();
    }

    private ServiceOrder current(String orderRef) {
        ServiceOrder order = byRef.get(orderRef);
        if (order != null && order.pending() && !clock.instant().isBefore(order.expiresAt())) {
            release(order);
            HintCode hint = order.fetched() ? HintCode.EXPIRED_TRANSACTION : HintCode.START_FAILED;
            order = put(order.with(OrderStatus.FAILED, hint.code(), order.fetched(), Optional.empty()));
        }
        return order;
    }

    private void release(ServiceOrder order) {
        order.hsaId().ifPresent(h -> activeRefByHsaId.remove(h, order.orderRef()));
    }

    private ServiceOrder put(ServiceOrder order) {
        byRef.put(order.orderRef(), order);
        return order;
    }

    private void purge() {
        Instant cutoff = clock.instant().minus(retention);
        for (Iterator<ServiceOrder> it = byRef.values().iterator(); it.hasNext(); ) {
            ServiceOrder order = it.next();
            if (order.expiresAt().isBefore(cutoff)) {
                it.remove();
                refByToken.remove(order.autoStartToken());
                release(order);
            }
        }
    }

    private String newId(int bytes) {
        byte[] id = new byte[bytes];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
