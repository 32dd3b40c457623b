package se.legitimera.oob;

import java.time.Instant;

/**
 * A session for receiving orders addressed to the card holder (the VDI / thin-client way in), opened with
 * one card-signed request. The token is a bearer secret for this service only; {@link #toString()} hides it.
 *
 * @param service   the service that issued it
 * @param hsaId     the HSA-id the service read from the card's certificate
 * @param token     the session token sent with each long poll
 * @param expiresAt when the service stops accepting it
 */
public record PollSession(ServiceOrigin service, String hsaId, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "PollSession[" + hsaId + " at " + service + ", expires " + expiresAt + "]";
    }
}
