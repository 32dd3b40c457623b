package se.legitimera.app.cli;

import java.net.URI;
import se.legitimera.app.gateway.TunnelMode;

/** A tunnel as the settings define it. */
record TunnelDefinition(String name, int localPort, URI upstream, TunnelMode mode) {
}
