package se.legitimera.oob.server;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PollSessionStore} in this JVM's memory. */
final class InMemoryPollSessionStore implements PollSessionStore {

    private final Clock clock;
    private final Map<String, PollSession> sessions = new ConcurrentHashMap<>();

    InMemoryPollSessionStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void insert(PollSession session) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.expiresAt().isBefore(now));
        sessions.put(session.token(), session);
    }

    @Override
    public Optional<PollSession> find(String token) {
        return Optional.ofNullable(sessions.get(token));
    }
}
