package se.legitimera.oob.server;

import java.time.Clock;
import java.time.Instant;

/**
 * Remembers single-use values (proof and poll-request {@code jti}) for as long as a replay could still pass
 * the freshness check. Shared by all nodes of a cluster (Keycloak: {@code singleUseObjects().putIfAbsent}).
 * Thread-safe.
 */
public interface SingleUseStore {

    /**
     * Claims {@code key} until {@code keepUntil}.
     *
     * @return true the first time, false when it was claimed before (a replay)
     */
    boolean claim(String key, Instant keepUntil) throws StoreException;

    /** A store in this JVM's memory (single node), forgetting keys by {@code clock}. */
    static SingleUseStore inMemory(Clock clock) {
        return new InMemorySingleUseStore(clock);
    }
}
