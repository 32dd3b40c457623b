package se.legitimera.oob.server;

import java.time.Clock;
import java.util.Optional;

/** Where poll sessions (section 5) live; cluster-wide for a cluster. Thread-safe. */
public interface PollSessionStore {

    /** Stores a new session until its {@link PollSession#expiresAt()}. */
    void insert(PollSession session) throws StoreException;

    /** The session, also when expired (the caller checks). */
    Optional<PollSession> find(String token) throws StoreException;

    /** A store in this JVM's memory (single node), forgetting sessions by {@code clock} once expired. */
    static PollSessionStore inMemory(Clock clock) {
        return new InMemoryPollSessionStore(clock);
    }
}
