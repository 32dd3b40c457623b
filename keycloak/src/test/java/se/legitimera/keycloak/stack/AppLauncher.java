package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * The developer launcher of the app ({@code app/target/legitimera}, built by the reactor before this module),
 * run as a separate process as the operating system would run it, with its own log and runtime folders.
 * Every process started here is stopped by {@link #close()}.
 */
public final class AppLauncher implements AutoCloseable {

    public static final String PROPERTY = "legitimera.app.launcher";

    private final Path launcher;
    private final Path folder;
    private final List<Process> started = new ArrayList<>();
    private String extraJavaOptions = "";

    public AppLauncher(Path folder) {
        String configured = System.getProperty(PROPERTY, "../app/target/legitimera");
        this.launcher = Path.of(configured).toAbsolutePath().normalize();
        this.folder = folder;
        StackRequirement.require(Files.isExecutable(launcher), "the app's launcher " + launcher + " (mvn package -pl app)");
    }

    /**
     * The launcher of an app that logs in to {@code keycloak} with no special case: its ordinary settings file
     * allows and pins the Keycloak origin, and the JDK's trust store (a file in {@code folder}) trusts the test
     * root that issued Keycloak's TLS certificate.
     */
    public static AppLauncher allowing(KeycloakServer keycloak, Path folder) throws IOException, GeneralSecurityException {
        Path trustStore = folder.resolve("trust.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("legitimera-test-root", keycloak.pki().rootCertificate());
        Files.createDirectories(folder);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, "test-trust-store".toCharArray()); // a store of public certificates only
        }
        AppLauncher app = new AppLauncher(folder.resolve("app")).withJavaOptions("-Djavax.net.ssl.trustStore="
                + trustStore + " -Djavax.net.ssl.trustStorePassword=test-trust-store -Djavax.net.ssl.trustStoreType=PKCS12");
        Files.createDirectories(app.settingsFile().getParent());
        Files.writeString(app.settingsFile(), "service.allowed-origins=" + keycloak.baseUrl() + "\n"
                + "environment.production.pins=" + keycloak.tlsPin() + "\n"
                + "start-at-login=false\n", StandardCharsets.UTF_8);
        return app;
    }

    /**
     * Adds to the settings file: wait for logins addressed to the card holder (setting {@code wait-for-logins},
     * protocol section 5) at {@code service}, selected with {@code service.url}.
     */
    public AppLauncher waitingForLoginsAt(URI service) throws IOException {
        Files.writeString(settingsFile(), "service.url=" + service + "\nwait-for-logins=true\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return this;
    }

    /** The output of a finished run. */
    public record Run(int exitCode, String output) {
    }

    /**
     * Runs {@code legitimera <arguments>} with {@code stdin} as standard input and waits for it to end.
     *
     * @throws AssertionError when it does not end within two minutes (it is stopped then)
     */
    public Run run(String stdin, List<String> arguments) throws IOException, InterruptedException {
        Process process = start(arguments, "run-" + started.size());
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.US_ASCII));
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("legitimera " + arguments.getFirst() + " did not end in 2 minutes");
        }
        return new Run(process.exitValue(), Files.readString(folder.resolve("run-" + (started.size() - 1) + ".out")));
    }

    /** Java options added to every later launch (a trust store, for example). */
    public AppLauncher withJavaOptions(String options) {
        this.extraJavaOptions = " " + options;
        return this;
    }

    /** The user's settings file of the launched app ({@code $XDG_CONFIG_HOME/legitimera/settings.properties}). */
    public Path settingsFile() {
        return folder.resolve("home/.config/legitimera/settings.properties");
    }

    /** The app's log of every launch. */
    public Path log() {
        return folder.resolve("legitimera.log");
    }

    /** Starts the tray app (no arguments), as the desktop session would; {@link #close()} stops it. */
    public Process startTrayApp() throws IOException {
        return start(List.of(), "tray");
    }

    /**
     * A second launch with a link, as the OS runs it when a page opens {@code legitimera://}: hands the link to
     * the running app and exits.
     */
    public Run handOver(String link) throws IOException, InterruptedException {
        Process process = start(List.of(link), "hand-over-" + started.size());
        String name = "hand-over-" + (started.size() - 1);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the second launch did not end in a minute");
        }
        return new Run(process.exitValue(), Files.readString(folder.resolve(name + ".out")));
    }

    /** Waits until the app's log has a line containing {@code text}; fails with the log when it never does. */
    public void awaitLog(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log()) && Files.readAllLines(log()).stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the app never logged '" + text + "'; its log:\n"
                + (Files.exists(log()) ? Files.readString(log()) : "(none)"));
    }

    /** {@code failure} with the app's log added, for a check that failed after the app's part. */
    public AssertionError withLog(AssertionError failure) throws IOException {
        return new AssertionError(failure.getMessage() + "; the app's log:\n"
                + (Files.exists(log()) ? Files.readString(log()) : "(none)"), failure);
    }

    private Process start(List<String> arguments, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(arguments);
        Files.createDirectories(folder);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".out").toFile());
        builder.environment().put("HOME", folder.resolve("home").toString());
        builder.environment().put("XDG_CONFIG_HOME", folder.resolve("home/.config").toString());
        builder.environment().put("LEGITIMERA_JAVA_OPTS", "-Dlegitimera.logdir=" + folder
                + " -Dlegitimera.runtimedir=" + folder.resolve("run") + " -Dprism.order=sw -Duser.language=sv -Duser.country=SE"
                + extraJavaOptions);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    @Override
    public void close() {
        for (Process process : started.reversed()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
