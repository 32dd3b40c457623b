package se.legitimera.oob.server;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SingleUseStore} in this JVM's memory. */
final class InMemorySingleUseStore implements SingleUseStore {

    private final Clock clock;
    private final Map<String, Instant> claimed = new ConcurrentHashMap<>();
    /** Forgetting walks every key: at most once per interval of the clock, not on every claim. */
    private static final java.time.Duration PURGE_INTERVAL = java.time.Duration.ofSeconds(10);
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastPurge =
            new java.util.concurrent.atomic.AtomicReference<>(Instant.MIN);

    InMemorySingleUseStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean claim(String key, Instant keepUntil) {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (!now.isBefore(last.plus(PURGE_INTERVAL)) && lastPurge.compareAndSet(last, now)) {
            claimed.values().removeIf(until -> until.isBefore(now));
        }
        Instant[] previous = new Instant[1];
        claimed.compute(key, (k, until) -> {
            previous[0] = until != null && !until.isBefore(now) ? until : null;
            return previous[0] != null ? until : keepUntil;
        });
        return previous[0] == null;
    }
}
