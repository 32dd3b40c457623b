package se.legitimera.app.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import se.legitimera.app.launcher.SingleInstance;
import se.legitimera.app.launcher.UserFolders;
import se.legitimera.app.settings.Setting;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.Settings;
import se.legitimera.app.settings.SettingsProblem;
import se.legitimera.app.settings.SettingsStore;
import se.legitimera.app.gateway.ClientCredentials;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.Tunnel;
import se.legitimera.app.gateway.TunnelBuilder;
import se.legitimera.app.gateway.TunnelMode;
import se.legitimera.app.wiring.CardTunnelCredentials;
import se.legitimera.app.wiring.TunnelPins;

/**
 * {@code legitimera tunnel}: the loopback mTLS tunnels. {@code list}, {@code start} and {@code stop}
 * concern the tunnels of the settings; {@code run} opens a one-off tunnel in the foreground.
 */
@Command(name = "tunnel",
        description = {"Loopback tunnels that log in to a service with your SITHS card (mTLS)."},
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:Unexpected error (see the log).",
            "2:Invalid command line.",
            "11:The running app cannot be reached.",
            "12:The tunnel could not be opened.",
            "13:No tunnel of that name in the settings."
        })
public final class TunnelCommand implements Callable<Integer> {

    static final int APP_UNREACHABLE = ExitCodes.APP_UNREACHABLE;
    /** Exit code, and the running app's answer status, when the tunnel could not be opened. */
    public static final int NOT_OPENED = ExitCodes.TUNNEL_NOT_OPENED;
    /** Exit code, and the running app's answer status, when no tunnel has the name. */
    public static final int UNKNOWN_TUNNEL = ExitCodes.UNKNOWN_TUNNEL;

    /** The card through the SunPKCS11 bridge, over the given module or the usual ones of the platform. */
    private static final CardCredentialsSource SUN_PKCS11 = module -> {
        List<Path> paths = module.map(List::of).orElseGet(() -> se.legitimera.smartcard.pkcs11.ModuleLocator.builder()
                .withDefaults(true).build().present());
        if (paths.isEmpty()) {
            throw new IOException("no PKCS#11 module found: give one with --module");
        }
        return new CardTunnelCredentials(paths, TunnelPins.PROMPT_ONLY);
    };
    /** The tunnels of the merged settings (user file and machine policy), as the desktop app reads them. */
    private static final TunnelDefinitions SETTINGS = () -> {
        Settings settings = SettingsStore.builder().withUserFile(UserFolders.forCurrentUser().settingsFile())
                .build().load();
        List<String> problems = settings.problems().stream()
                .filter(problem -> problem.key().startsWith(SettingKey.TUNNELS.name() + "."))
                .map(SettingsProblem::toString).toList();
        if (!problems.isEmpty()) {
            throw new IOException("the tunnel settings are not valid: " + String.join("; ", problems));
        }
        Setting<List<se.legitimera.app.settings.Tunnel>> tunnels = settings.get(SettingKey.TUNNELS);
        return tunnels.value().stream().map(t -> new TunnelDefinition(t.name(), t.localPort(), t.upstream(),
                TunnelMode.valueOf(t.mode().name()), tunnels.locked(), t.autostart())).toList();
    };
    /** The user's running tray app, over its single-instance socket. */
    private static final AppChannel RUNNING_APP = command ->
            SingleInstance.ask(SingleInstance.folder(UserFolders.forCurrentUser()), command);

    @Spec
    private CommandSpec spec;

    private final TunnelDefinitions definitions;
    private final AppChannel app;
    private final CardCredentialsSource cards;
    private final InputStream stdin;
    private final Console console;

    /** The command as the launcher runs it. */
    public TunnelCommand() {
        this(SETTINGS, RUNNING_APP, SUN_PKCS11, System.in, System.console());
    }

    TunnelCommand(TunnelDefinitions definitions, AppChannel app, CardCredentialsSource cards, InputStream stdin,
                  Console console) {
        this.definitions = definitions;
        this.app = app;
        this.cards = cards;
        this.stdin = stdin;
        this.console = console;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(out());
        return 0;
    }

    @Command(name = "list", description = {"Lists the tunnels of the settings and the machine policy.",
        "Marks those the policy sets (\"policy\") and those the app does not open at start (\"manual\")."})
    int list() {
        List<TunnelDefinition> all;
        try {
            all = definitions.load();
        } catch (IOException e) {
            err().println("Cannot list tunnels: " + e.getMessage());
            return NOT_OPENED;
        }
        if (all.isEmpty()) {
            out().println("No tunnels are defined in the settings.");
        }
        for (TunnelDefinition tunnel : all) {
            List<String> marks = new ArrayList<>(List.of(tunnel.mode().name().toLowerCase(java.util.Locale.ROOT)));
            if (tunnel.locked()) {
                marks.add("policy");
            }
            if (!tunnel.autostart()) {
                marks.add("manual");
            }
            // As `run` says it: a browser opens http://, a thick client connects to tcp:// (raw TLS wrapping).
            out().printf("%-20s %s://localhost:%-5d -> %s (%s)%n", tunnel.name(),
                    tunnel.mode() == TunnelMode.HTTP ? "http" : "tcp", tunnel.localPort(), tunnel.upstream(),
                    String.join(", ", marks));
        }
        return 0;
    }

    @Command(name = "start", description = {"Asks the running app to start a tunnel of the settings.",
        "Exit 0 when it listens, 12 when it could not be opened (e.g. the port is in use), 13 for an unknown name, "
            + "11 when no app runs."})
    int start(@Parameters(paramLabel = "NAME", description = "The tunnel's name in the settings.") String name) {
        return askTheApp("start", name);
    }

    @Command(name = "stop", description = {"Asks the running app to stop a tunnel of the settings.",
        "Exit 0 when it is stopped, 13 for an unknown name, 11 when no app runs."})
    int stop(@Parameters(paramLabel = "NAME", description = "The tunnel's name in the settings.") String name) {
        return askTheApp("stop", name);
    }

    // Tunnels of the settings live in the app, which holds the card session: the app decides and answers.
    private int askTheApp(String verb, String name) {
        Optional<SingleInstance.Answer> answer;
        try {
            answer = app.ask(List.of("tunnel", verb, name));
        } catch (IOException e) {
            err().println("Cannot reach the running Legitimera app (" + e.getMessage() + "), so tunnel " + name
                    + " was not " + (verb.equals("start") ? "started" : "stopped") + ".");
            return APP_UNREACHABLE;
        }
        if (answer.isPresent()) {
            SingleInstance.Answer said = answer.get();
            (said.status() == 0 ? out() : err()).println(said.line());
            return switch (said.status()) {
                case 0, NOT_OPENED, UNKNOWN_TUNNEL -> said.status();
                default -> ExitCodes.UNEXPECTED;
            };
        }
        err().println("No Legitimera app is running, so tunnel " + name + " was not "
                + (verb.equals("start") ? "started" : "stopped") + ".");
        if (verb.equals("start")) {
            suggestRun(name);
        }
        return APP_UNREACHABLE;
    }

    private void suggestRun(String name) {
        try {
            definitions.load().stream().filter(t -> t.name().equals(name)).findFirst().ifPresent(tunnel ->
                    err().println("Start the app, or run the tunnel in this terminal with: legitimera tunnel run "
                            + "--local " + tunnel.localPort() + " --upstream " + tunnel.upstream() + " --mode "
                            + tunnel.mode().name().toLowerCase(java.util.Locale.ROOT)));
        } catch (IOException e) {
            // The hint is a courtesy: the answer above already said what happened.
        }
    }

    @Command(name = "run", description = {"Runs a one-off tunnel in the foreground until Ctrl+C.",
        "Listens on 127.0.0.1 and ::1 only."})
    int run(
            @Option(names = "--local", required = true, paramLabel = "PORT",
                    description = "Loopback port to listen on.") int localPort,
            @Option(names = "--upstream", required = true, paramLabel = "URL",
                    description = "The service, https://host[:port].") URI upstream,
            @Option(names = "--trust", paramLabel = "PEM",
                    description = "CA certificates (PEM) that may issue the service's certificate, besides the "
                            + "system's. Repeatable.") List<Path> trust,
            @Option(names = "--module", paramLabel = "PATH",
                    description = "PKCS#11 module of the card middleware (default: the platform's).") Path module,
            @Option(names = "--stdin", description = "Read the PIN once from standard input and use it for the "
                    + "life of the tunnel (never retried after the card refuses it).") boolean fromStdin,
            @Option(names = "--mode", defaultValue = "http", paramLabel = "http|tls",
                    description = "http: reverse proxy for a browser; tls: raw TLS wrapping. Default: ${DEFAULT-VALUE}.")
            TunnelMode mode) {
        PinPrompt prompt;
        StdinPin stdinPin = null;
        try {
            if (fromStdin) {
                stdinPin = StdinPin.readFrom(stdin);
                prompt = stdinPin;
            } else if (console != null) {
                prompt = new ConsolePin(console);
            } else {
                err().println("There is no terminal to ask for the PIN on: use --stdin.");
                return 2;
            }
            TunnelBuilder builder;
            try {
                List<X509Certificate> trusted = new ArrayList<>();
                for (Path pem : trust == null ? List.<Path>of() : trust) {
                    trusted.addAll(TunnelBuilder.readCertificates(pem));
                }
                builder = Tunnel.builder().withName("run-" + localPort).withLocalPort(localPort)
                        .withUpstream(upstream).withMode(mode).withTrustedCertificates(trusted).withPinPrompt(prompt);
            } catch (IllegalArgumentException | IOException e) {
                err().println("Cannot open the tunnel: " + e.getMessage());
                return 2;
            }
            ClientCredentials card;
            try {
                card = cards.open(Optional.ofNullable(module));
            } catch (IOException e) {
                err().println("Cannot use the card: " + e.getMessage());
                return NOT_OPENED;
            }
            try {
                return runUntilStopped(builder.withCredentials(card));
            } finally {
                if (card instanceof CardTunnelCredentials opened) {
                    opened.close();
                }
            }
        } catch (IOException e) {
            err().println("Cannot read the PIN: " + e.getMessage());
            return 2;
        } finally {
            if (stdinPin != null) {
                stdinPin.close();
            }
        }
    }

    private int runUntilStopped(TunnelBuilder builder) {
        Tunnel tunnel;
        try {
            tunnel = builder.open();
        } catch (IOException e) {
            err().println("Cannot open the tunnel: " + e.getMessage());
            return NOT_OPENED;
        }
        Thread closeOnExit = new Thread(tunnel::close, "tunnel-shutdown");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        try (tunnel) {
            out().printf("Tunnel open: %s://localhost:%d -> %s. The PIN is asked when the first connection needs "
                    + "the card. Stop with Ctrl+C.%n", tunnel.mode() == TunnelMode.HTTP ? "http" : "tcp",
                    tunnel.localPort(), tunnel.upstream());
            out().flush();
            new CountDownLatch(1).await(); // until Ctrl+C (the hook closes the tunnel) or an interrupt
            return 0;
        } catch (InterruptedException e) {
            out().println("Tunnel closed.");
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and runs the hook
            }
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
