package se.legitimera.app.cli;

import java.net.URI;
import se.legitimera.app.gateway.TunnelMode;

/**
 * A tunnel as the settings define it.
 *
 * @param locked    the machine policy defines it
 * @param autostart the tray app opens it when it starts
 */
record TunnelDefinition(String name, int localPort, URI upstream, TunnelMode mode, boolean locked, boolean autostart) {

    TunnelDefinition(String name, int localPort, URI upstream, TunnelMode mode) {
        this(name, localPort, upstream, mode, false, true);
    }
}
