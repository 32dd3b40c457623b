package se.legitimera.app.cli;

import java.io.IOException;
import java.util.List;

/** Where {@code legitimera tunnel list|start|stop} find the tunnels of the settings. */
@FunctionalInterface
interface TunnelDefinitions {

    /** @throws IOException when the settings cannot be read */
    List<TunnelDefinition> load() throws IOException;
}
