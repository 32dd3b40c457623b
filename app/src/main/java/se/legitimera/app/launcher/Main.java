package se.legitimera.app.launcher;

import picocli.CommandLine;
import se.legitimera.app.cli.LegitimeraCommand;

/**
 * Entry point of both the tray app (no subcommand) and the CLI (a subcommand).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Logback reads this when the first logger is created, so it must be set before anything logs.
        if (System.getProperty("legitimera.logdir") == null) {
            System.setProperty("legitimera.logdir", UserFolders.forCurrentUser().logs().toString());
        }
        int exitCode = new CommandLine(new LegitimeraCommand(DesktopApp::runUntilQuit))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        // AWT and JavaFX leave non-daemon threads behind; the process ends here, deliberately.
        System.exit(exitCode);
    }
}
