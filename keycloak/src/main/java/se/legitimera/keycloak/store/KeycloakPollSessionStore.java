package se.legitimera.keycloak.store;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import se.legitimera.oob.server.PollSession;
import se.legitimera.oob.server.PollSessionStore;
import se.legitimera.oob.server.StoreException;

/**
 * Poll sessions (protocol section 5) in Keycloak's single-use object store, kept until they expire; the
 * session token appears only as its SHA-256. One instance per request.
 */
public final class KeycloakPollSessionStore implements PollSessionStore {

    private final SingleUseObjectProvider store;
    private final StoreKeys keys;
    private final Clock clock;

    public KeycloakPollSessionStore(KeycloakSession session, String realmId, Clock clock) {
        this.store = session.singleUseObjects();
        this.keys = new StoreKeys(realmId);
        this.clock = clock;
    }

    @Override
    public void insert(PollSession session) throws StoreException {
        try {
            store.put(keys.pollSession(session.token()), StoreKeys.lifespanSeconds(clock, session.expiresAt()),
                    Map.of("hsaId", session.hsaId(), "expiresAt", session.expiresAt().toString()));
        } catch (RuntimeException e) {
            throw new StoreException("cannot store a poll session in Keycloak's single-use store", e);
        }
    }

    @Override
    public Optional<PollSession> find(String token) throws StoreException {
        Map<String, String> stored;
        try {
            stored = store.get(keys.pollSession(token));
        } catch (RuntimeException e) {
            throw new StoreException("cannot read a poll session from Keycloak's single-use store", e);
        }
        if (stored == null || stored.get("hsaId") == null || stored.get("expiresAt") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PollSession(token, stored.get("hsaId"), Instant.parse(stored.get("expiresAt"))));
        } catch (DateTimeParseException e) {
            throw new StoreException("a poll session in the single-use store is unreadable", e);
        }
    }
}
