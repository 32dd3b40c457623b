package se.legitimera.app.gateway;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why the gateway asks for the identification PIN, so that the prompt can say it.
 *
 * @param tunnelName the tunnel that needs the card
 * @param upstreamHost the host the card will authenticate to
 * @param previousAttemptRefused true when the card refused the PIN of the previous attempt; a prompt
 *     that cannot ask a person (a PIN read once from standard input) must then give up rather than
 *     offer the same PIN again, since every wrong PIN costs a try
 * @param triesLeft tries left before the PIN is blocked, when the card said so
 */
public record PinRequest(String tunnelName, String upstreamHost, boolean previousAttemptRefused, OptionalInt triesLeft) {

    public PinRequest {
        Objects.requireNonNull(tunnelName, "tunnelName");
        Objects.requireNonNull(upstreamHost, "upstreamHost");
        Objects.requireNonNull(triesLeft, "triesLeft");
    }
}
