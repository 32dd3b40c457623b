package se.legitimera.app.launcher;

import picocli.CommandLine;
import se.legitimera.app.cli.LegitimeraCommand;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.Settings;
import se.legitimera.app.settings.SettingsStore;

/**
 * Entry point of both the tray app (no subcommand) and the CLI (a subcommand).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // A link (or an empty launch) for the app already running goes straight to its socket: no picocli,
        // Logback or settings are loaded for it, which is most of a second launch's time.
        if (QuickHandover.handedOver(args)) {
            System.exit(0);
        }
        UserFolders folders = UserFolders.forCurrentUser();
        // Logback reads these when the first logger is created, so they must be set before anything logs;
        // reading the settings logs nothing, and its problems are logged by the desktop app.
        if (System.getProperty("legitimera.logdir") == null) {
            System.setProperty("legitimera.logdir", folders.logs().toString());
        }
        SettingsStore store = SettingsStore.builder()
                .withUserFile(folders.settingsFile()).build();
        Settings settings = store.load();
        if (System.getProperty("legitimera.loglevel") == null) {
            System.setProperty("legitimera.loglevel", settings.get(SettingKey.LOG_LEVEL).value().name());
        }
        int exitCode = new CommandLine(new LegitimeraCommand(options -> DesktopApp.runUntilQuit(options, store,
                settings)))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        // AWT and JavaFX leave non-daemon threads behind; the process ends here, deliberately.
        System.exit(exitCode);
    }
}
