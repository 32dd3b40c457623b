package se.legitimera.oob.server;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SingleUseStore} in this JVM's memory. */
final class InMemorySingleUseStore implements SingleUseStore {

    private final Clock clock;
    private final Map<String, Instant> claimed = new ConcurrentHashMap<>();

    InMemorySingleUseStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean claim(String key, Instant keepUntil) {
        Instant now = clock.instant();
        if (claimed.size() > 1024) {
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
