package se.legitimera.keycloak.store;

import java.time.Clock;
import java.time.Instant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import se.legitimera.oob.server.SingleUseStore;
import se.legitimera.oob.server.StoreException;

/**
 * Single-use values (proof and poll-request {@code jti}) claimed with the cluster-wide atomic
 * {@code putIfAbsent} of Keycloak's single-use object store, as Keycloak claims its own one-time codes.
 * One instance per request.
 */
public final class KeycloakSingleUseStore implements SingleUseStore {

    private final SingleUseObjectProvider store;
    private final StoreKeys keys;
    private final Clock clock;

    public KeycloakSingleUseStore(KeycloakSession session, String realmId, Clock clock) {
        this.store = session.singleUseObjects();
        this.keys = new StoreKeys(realmId);
        this.clock = clock;
    }

    @Override
    public boolean claim(String key, Instant keepUntil) throws StoreException {
        try {
            return store.putIfAbsent(keys.singleUse(key), StoreKeys.lifespanSeconds(clock, keepUntil));
        } catch (RuntimeException e) {
            throw new StoreException("cannot claim a single-use value in Keycloak's single-use store", e);
        }
    }
}
