package se.legitimera.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import se.legitimera.app.launcher.AppVersion;

/**
 * The {@code legitimera} command: without a subcommand it runs the tray app.
 */
@Command(name = "legitimera",
        mixinStandardHelpOptions = true,
        subcommands = {AuthCommand.class},
        versionProvider = LegitimeraCommand.Version.class,
        description = {
            "Legitimera: SITHS eID on the desktop.",
            "Without a command, starts the tray app; with one, runs it and exits."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:Unexpected error (see the log).",
            "2:Invalid command line."
        })
public final class LegitimeraCommand implements Callable<Integer> {

    /** Runs the desktop app and returns its exit code when the user quits. */
    @FunctionalInterface
    public interface DesktopRunner {
        int runUntilQuit(DesktopOptions options);
    }

    /** How the desktop app was asked to start. */
    public record DesktopOptions(boolean minimized) {
    }

    @Option(names = "--minimized", description = "Start in the tray without opening the main window (used at login).")
    private boolean minimized;

    private final DesktopRunner desktop;

    public LegitimeraCommand(DesktopRunner desktop) {
        this.desktop = desktop;
    }

    @Override
    public Integer call() {
        return desktop.runUntilQuit(new DesktopOptions(minimized));
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Legitimera " + AppVersion.current(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
