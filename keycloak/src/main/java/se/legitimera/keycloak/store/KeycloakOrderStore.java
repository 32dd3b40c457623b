package se.legitimera.keycloak.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import se.legitimera.oob.server.OrderRecord;
import se.legitimera.oob.server.OrderRecords;
import se.legitimera.oob.server.OrderStore;
import se.legitimera.oob.server.StoreException;

/**
 * Orders in Keycloak's single-use object store, which every node of a Keycloak cluster shares (an
 * Infinispan cache replicated across the cluster, or the database with persistent sessions), so a login
 * page served by one node completes with a proof posted to another.
 *
 * <p>Keys are scoped by realm id, so a realm never sees another realm's orders. The autostart token is a
 * bearer capability: it is never a key itself, only its SHA-256. {@link #replace} is a compare-and-set:
 * the writer that first claims the transition away from {@code current.version()} (an atomic
 * {@code putIfAbsent} in the same store) is the only one that may write the next version.
 *
 * <p>One instance per Keycloak request (it holds the request's session); not shared between threads.
 */
public final class KeycloakOrderStore implements OrderStore {

    private final SingleUseObjectProvider store;
    private final StoreKeys keys;
    private final Clock clock;

    public KeycloakOrderStore(KeycloakSession session, String realmId, Clock clock) {
        this.store = session.singleUseObjects();
        this.keys = new StoreKeys(realmId);
        this.clock = clock;
    }

    @Override
    public void insert(OrderRecord order, Instant keepUntil) throws StoreException {
        long lifespan = StoreKeys.lifespanSeconds(clock, keepUntil);
        try {
            store.put(keys.order(order.orderRef()), lifespan, OrderRecords.toMap(order));
            store.put(keys.token(order.autoStartToken()), lifespan, Map.of("orderRef", order.orderRef()));
        } catch (RuntimeException e) {
            throw new StoreException("cannot store order " + order.orderRef() + " in Keycloak's single-use store", e);
        }
    }

    @Override
    public Optional<OrderRecord> byRef(String orderRef) throws StoreException {
        Map<String, String> stored;
        try {
            stored = store.get(keys.order(orderRef));
        } catch (RuntimeException e) {
            throw new StoreException("cannot read order " + orderRef + " from Keycloak's single-use store", e);
        }
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OrderRecords.fromMap(stored));
        } catch (IllegalArgumentException e) {
            throw new StoreException("order " + orderRef + " in the single-use store is unreadable", e);
        }
    }

    @Override
    public Optional<OrderRecord> byToken(String autoStartToken) throws StoreException {
        Map<String, String> reference;
        try {
            reference = store.get(keys.token(autoStartToken));
        } catch (RuntimeException e) {
            throw new StoreException("cannot read an autostart token from Keycloak's single-use store", e);
        }
        if (reference == null || reference.get("orderRef") == null) {
            return Optional.empty();
        }
        return byRef(reference.get("orderRef"));
    }

    @Override
    public boolean replace(OrderRecord current, OrderRecord next, Instant keepUntil) throws StoreException {
        long lifespan = StoreKeys.lifespanSeconds(clock, keepUntil);
        try {
            Optional<OrderRecord> stored = byRef(current.orderRef());
            if (stored.isEmpty() || stored.get().version() != current.version()) {
                return false;
            }
            if (!store.putIfAbsent(keys.transition(current.orderRef(), current.version()), lifespan)) {
                return false;
            }
            store.put(keys.order(next.orderRef()), lifespan, OrderRecords.toMap(next));
            store.put(keys.token(next.autoStartToken()), lifespan, Map.of("orderRef", next.orderRef()));
            return true;
        } catch (RuntimeException e) {
            throw new StoreException("cannot update order " + current.orderRef() + " in Keycloak's single-use store", e);
        }
    }

    @Override
    public Optional<String> latestFor(String hsaId) throws StoreException {
        try {
            Map<String, String> latest = store.get(keys.latest(hsaId));
            return latest == null ? Optional.empty() : Optional.ofNullable(latest.get("orderRef"));
        } catch (RuntimeException e) {
            throw new StoreException("cannot read the latest order of an HSA-id from Keycloak's single-use store", e);
        }
    }

    @Override
    public void setLatestFor(String hsaId, String orderRef, Instant keepUntil) throws StoreException {
        try {
            store.put(keys.latest(hsaId), StoreKeys.lifespanSeconds(clock, keepUntil), Map.of("orderRef", orderRef));
        } catch (RuntimeException e) {
            throw new StoreException("cannot record the latest order of an HSA-id in Keycloak's single-use store", e);
        }
    }
}
