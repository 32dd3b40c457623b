package se.legitimera.app.settings;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import se.legitimera.oob.SpkiPin;

/**
 * Where the app reaches the authentication service, and which service keys it accepts there.
 *
 * @param environment the selected environment
 * @param url         the service URL (the environment's, or {@code service.url} when set)
 * @param pins        pinned SubjectPublicKeyInfo hashes; empty means the system's CA trust alone decides
 */
public record ServiceEndpoint(Environment environment, URI url, List<SpkiPin> pins) {

    public ServiceEndpoint {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(url, "url");
        pins = List.copyOf(pins);
    }
}
