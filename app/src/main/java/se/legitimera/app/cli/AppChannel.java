package se.legitimera.app.cli;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import se.legitimera.app.launcher.SingleInstance;

/** How {@code legitimera tunnel start|stop} reach the running tray app. */
@FunctionalInterface
interface AppChannel {

    /**
     * Sends {@code command} to the running app and returns its answer.
     *
     * @return empty when no app is running
     * @throws IOException when the app did not answer, or is too old to take commands
     */
    Optional<SingleInstance.Answer> ask(List<String> command) throws IOException;
}
