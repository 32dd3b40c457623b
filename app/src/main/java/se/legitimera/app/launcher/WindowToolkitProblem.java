package se.legitimera.app.launcher;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.ui.common.Messages;

/**
 * Why the desktop app cannot show a window, with the one line it prints and the exit code it ends with
 * (listed in {@code legitimera --help}). Without this a missing GTK killed the thread that starts JavaFX
 * and the app waited for ever; the CLI needs neither a display nor GTK and is never affected.
 */
enum WindowToolkitProblem {

    /** No X or Wayland display to show windows on (a plain SSH session, a service, a container). */
    NO_DISPLAY(16, "app.noDisplay"),
    /** JavaFX's GTK 3 library (or one it needs) cannot be loaded. */
    NO_GTK(17, "app.noGtk"),
    /** JavaFX failed to start for another reason; the log has the details. */
    TOOLKIT_FAILED(17, "app.toolkitFailed");

    // logback.xml sends this logger to the log file only: the terminal gets the one line of report().
    private static final Logger LOG = LoggerFactory.getLogger(WindowToolkitProblem.class);

    private final int exitCode;
    private final String messageKey;

    WindowToolkitProblem(int exitCode, String messageKey) {
        this.exitCode = exitCode;
        this.messageKey = messageKey;
    }

    int exitCode() {
        return exitCode;
    }

    /**
     * Prints the one line that says what to do to standard error, logs the details and gives the exit code.
     *
     * @param detail  the failure's own words, for the log and the generic line
     * @param failure JavaFX's exception, logged with its stack trace; null when nothing was thrown
     */
    int report(ResourceBundle messages, String detail, Throwable failure) {
        System.err.println(Messages.format(messages, messageKey, detail));
        LOG.error("No window can be shown ({}: {}); exiting with {}", this, detail, exitCode, failure);
        return exitCode;
    }

    /**
     * Known before anything starts: on Linux and the other X11 systems (not macOS or Windows), a session
     * without {@code DISPLAY} and {@code WAYLAND_DISPLAY} has no display.
     */
    static Optional<WindowToolkitProblem> beforeStart(Map<String, String> environment, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return Optional.empty();
        }
        boolean display = present(environment.get("DISPLAY")) || present(environment.get("WAYLAND_DISPLAY"));
        return display ? Optional.empty() : Optional.of(NO_DISPLAY);
    }

    /**
     * What a failed JavaFX start means. JavaFX reports both cases as UnsupportedOperationException, told
     * apart only by their messages: "Unable to open DISPLAY" and "Unable to load glass GTK library."
     */
    static WindowToolkitProblem of(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("DISPLAY")) {
            return NO_DISPLAY;
        }
        if (message.contains("GTK") || failure instanceof UnsatisfiedLinkError) {
            return NO_GTK;
        }
        return TOOLKIT_FAILED;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
