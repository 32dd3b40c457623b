package se.legitimera.oob.server;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Where orders live. {@link OobServer} keeps nothing of its own between calls: a store that every node of a
 * cluster sees (Keycloak's single-use object store, a database) makes the service cluster-wide.
 *
 * <p>Contract: {@link #replace} is a compare-and-set on {@link OrderRecord#version()}; everything else is a
 * plain read or write. A record may be dropped once {@code keepUntil} passed. Implementations must be
 * thread-safe; they signal failure with {@link StoreException}.
 */
public interface OrderStore {

    /** Stores a new order (its reference and token are fresh random values). */
    void insert(OrderRecord order, Instant keepUntil) throws StoreException;

    Optional<OrderRecord> byRef(String orderRef) throws StoreException;

    Optional<OrderRecord> byToken(String autoStartToken) throws StoreException;

    /**
     * Writes {@code next} in place of {@code current} only if the stored record's version is still
     * {@code current.version()}.
     *
     * @return false when another writer changed (or removed) the order first
     */
    boolean replace(OrderRecord current, OrderRecord next, Instant keepUntil) throws StoreException;

    /** The reference of the newest order addressed to {@code hsaId}, if one was recorded and is kept. */
    Optional<String> latestFor(String hsaId) throws StoreException;

    /** Records {@code orderRef} as the newest order addressed to {@code hsaId}. */
    void setLatestFor(String hsaId, String orderRef, Instant keepUntil) throws StoreException;

    /** A store in this JVM's memory (single node), forgetting records by {@code clock} once kept long enough. */
    static OrderStore inMemory(Clock clock) {
        return new InMemoryOrderStore(clock);
    }
}
