package se.legitimera.app.settings;

import java.net.URI;
import java.util.Objects;

/**
 * One mTLS tunnel: a loopback port that forwards to an upstream service which wants the card's client certificate.
 *
 * @param name      settings name, lower-case letters, digits and '-'
 * @param localPort TCP port on 127.0.0.1, 1024-65535
 * @param upstream  https URL of the service
 * @param mode      what the tunnel accepts locally
 */
public record Tunnel(String name, int localPort, URI upstream, TunnelMode mode) {

    public Tunnel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(mode, "mode");
    }
}
