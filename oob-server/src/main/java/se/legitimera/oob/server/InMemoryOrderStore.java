package se.legitimera.oob.server;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** {@link OrderStore} in this JVM's memory: one monitor, every operation short. */
final class InMemoryOrderStore implements OrderStore {

    private record Kept<T>(T value, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Kept<OrderRecord>> byRef = new HashMap<>();
    private final Map<String, String> refByToken = new HashMap<>();
    private final Map<String, Kept<String>> latestByHsaId = new HashMap<>();
    /** Purging walks every record: at most once per {@link #PURGE_INTERVAL} of the clock, not on every insert. */
    private static final java.time.Duration PURGE_INTERVAL = java.time.Duration.ofSeconds(10);
    private Instant lastPurge = Instant.MIN;

    InMemoryOrderStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void insert(OrderRecord order, Instant keepUntil) {
        purge();
        byRef.put(order.orderRef(), new Kept<>(order, keepUntil));
        refByToken.put(order.autoStartToken(), order.orderRef());
    }

    @Override
    public synchronized Optional<OrderRecord> byRef(String orderRef) {
        Kept<OrderRecord> kept = byRef.get(orderRef);
        return kept == null ? Optional.empty() : Optional.of(kept.value());
    }

    @Override
    public synchronized Optional<OrderRecord> byToken(String autoStartToken) {
        String ref = refByToken.get(autoStartToken);
        return ref == null ? Optional.empty() : byRef(ref);
    }

    @Override
    public synchronized boolean replace(OrderRecord current, OrderRecord next, Instant keepUntil) {
        Kept<OrderRecord> kept = byRef.get(current.orderRef());
        if (kept == null || kept.value().version() != current.version()) {
            return false;
        }
        byRef.put(next.orderRef(), new Kept<>(next, keepUntil));
        return true;
    }

    @Override
    public synchronized Optional<String> latestFor(String hsaId) {
        Kept<String> kept = latestByHsaId.get(hsaId);
        return kept == null ? Optional.empty() : Optional.of(kept.value());
    }

    @Override
    public synchronized void setLatestFor(String hsaId, String orderRef, Instant keepUntil) {
        latestByHsaId.put(hsaId, new Kept<>(orderRef, keepUntil));
    }

    synchronized int size() {
        return byRef.size();
    }

    private void purge() {
        Instant now = clock.instant();
        if (now.isBefore(lastPurge.plus(PURGE_INTERVAL))) {
            return;
        }
        lastPurge = now;
        for (Iterator<Kept<OrderRecord>> it = byRef.values().iterator(); it.hasNext(); ) {
            Kept<OrderRecord> kept = it.next();
            if (kept.until().isBefore(now)) {
                it.remove();
                refByToken.remove(kept.value().autoStartToken());
            }
        }
        latestByHsaId.values().removeIf(kept -> kept.until().isBefore(now));
    }
}
