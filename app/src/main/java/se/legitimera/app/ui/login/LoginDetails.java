package se.legitimera.app.ui.login;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the login dialog shows about a login order before it asks for the PIN.
 *
 * @param rpName    the relying party, shown as "Jag legitimerar mig hos {@code rpName}"
 * @param rpOrigin  the web origin of the relying party, as the service registered it
 * @param service   the authentication service that issued the order (its origin)
 * @param message   the relying party's message to the user, if any
 * @param expiresAt when the order expires
 */
public record LoginDetails(String rpName, String rpOrigin, String service, Optional<String> message,
                           Instant expiresAt) {

    public LoginDetails {
        Objects.requireNonNull(rpName, "rpName");
        Objects.requireNonNull(rpOrigin, "rpOrigin");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
