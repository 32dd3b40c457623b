package se.legitimera.app.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One mTLS tunnel: a loopback port that forwards to an upstream service which wants the card's client certificate.
 *
 * @param name      settings name, lower-case letters, digits and '-'
 * @param localPort TCP port on 127.0.0.1, 1024-65535
 * @param upstream  https URL of the service
 * @param mode      what the tunnel accepts locally
 * @param trust     PEM files of extra CAs that may issue the upstream's certificate, besides the system's;
 *                  absolute paths
 * @param autostart whether the tray app opens the tunnel when it starts
 */
public record Tunnel(String name, int localPort, URI upstream, TunnelMode mode, List<Path> trust, boolean autostart) {

    public Tunnel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(mode, "mode");
        trust = List.copyOf(trust);
    }

    /** A tunnel with the system's trust alone that starts with the app. */
    public Tunnel(String name, int localPort, URI upstream, TunnelMode mode) {
        this(name, localPort, upstream, mode, List.of(), true);
    }
}
