package se.legitimera.oob.server;

import java.time.Instant;
import java.util.Objects;

/**
 * A poll session of section 5: a bearer token bound to one HSA-id.
 *
 * @param token     the session token ({@code pollSession}); never logged
 * @param hsaId     the holder whose addressed orders it reveals
 * @param expiresAt when it ends
 */
public record PollSession(String token, String hsaId, Instant expiresAt) {

    public PollSession {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(hsaId, "hsaId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "PollSession[" + hsaId + ", until " + expiresAt + "]";
    }
}
