package se.legitimera.oob.demo;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Service interface (for {@link java.util.ServiceLoader}) of the devkit's demo: the app asks for it on
 * {@code --demo} and says plainly that the demo is not installed when no provider exists.
 */
public interface DemoEnvironmentFactory {

    /**
     * Starts the virtual card and the reference service; state (card PINs, service keys, test PKI)
     * lives in {@code stateFolder} so the card keeps its PINs between runs.
     *
     * @throws IOException when the state cannot be read or written, or the service cannot listen
     */
    DemoEnvironment start(Path stateFolder) throws IOException;
}
