package se.legitimera.app.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import se.legitimera.app.launcher.AppVersion;

/**
 * The {@code legitimera} command: without a subcommand it runs the tray app.
 */
@Command(name = "legitimera",
        mixinStandardHelpOptions = true,
        versionProvider = LegitimeraCommand.Version.class,
        subcommands = {AuthCommand.class, StatusCommand.class, PinCommand.class, TokensCommand.class, CertsCommand.class,
            SignCommand.class, TunnelCommand.class},
        description = {
            "Legitimera: SITHS eID on the desktop.",
            "Without a command, starts the tray app; with one, runs it and exits."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:Unexpected error (see the log).",
            "2:Invalid command line (or several cards: choose one with --reader).",
            "3:Wrong PIN or PUK.",
            "4:PIN or PUK blocked.",
            "5:No reader or no card, or the card was removed.",
            "6:Card or PIN not supported.",
            "7:PC/SC service (auth: the authentication service) not running.",
            "8:New PIN or PUK breaks the rules; nothing was sent to the card.",
            "9:Cancelled: the input ended.",
            "10:The card could not be reached (another program holds it, or a reader error).",
            "11:The running app cannot be reached (tunnel start|stop).",
            "12:The tunnel could not be opened.",
            "13:No tunnel of that name in the settings.",
            "14:auth: refused before signing (service not allowed, TLS interception, untrusted, forged order).",
            "15:auth: the order failed (expired, cancelled, unknown, or the proof was refused).",
            "16:Tray app: no display to show windows on (DISPLAY unset or unreachable); commands need none.",
            "17:Tray app: JavaFX cannot start (on Linux GTK 3 is missing: install libgtk-3-0)."
        })
public final class LegitimeraCommand implements Callable<Integer> {

    /** Runs the desktop app and returns its exit code when the user quits. */
    @FunctionalInterface
    public interface DesktopRunner {
        int runUntilQuit(DesktopOptions options);
    }

    /**
     * How the desktop app was asked to start.
     *
     * @param minimized stay in the tray
     * @param autostart the OS started the app at login: it stays in the tray, and quits at once when the
     *                  start-at-login setting is false
     * @param demo      run against the developer demo environment (virtual card, reference service)
     * @param link      a {@code legitimera://} link the OS handed over (holds a one-time token: never log it)
     */
    public record DesktopOptions(boolean minimized, boolean autostart, boolean demo, Optional<String> link) {
    }

    @Option(names = "--minimized", description = "Start in the tray without opening the main window.")
    private boolean minimized;

    @Option(names = "--autostart", description = "Started by the system at login (the installers' entries pass it): "
            + "as --minimized, but exits at once with 0 when the setting start-at-login is false.")
    private boolean autostart;

    @Option(names = "--demo", description = "Use the demo environment (virtual card and reference login service); "
            + "developer builds only.")
    private boolean demo;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LINK",
            description = "A legitimera:// login link, as a login page opens it. An app already running shows it.")
    private String link;

    @Spec
    private CommandSpec spec;

    private final DesktopRunner desktop;

    public LegitimeraCommand(DesktopRunner desktop) {
        this.desktop = desktop;
    }

    @Override
    public Integer call() {
        if (link != null && !link.toLowerCase(Locale.ROOT).startsWith("legitimera:")) {
            throw new ParameterException(spec.commandLine(), "Not a legitimera:// link: " + link.split("[?#]", 2)[0]);
        }
        return desktop.runUntilQuit(new DesktopOptions(minimized || autostart, autostart, demo,
                Optional.ofNullable(link)));
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Legitimera " + AppVersion.current(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
