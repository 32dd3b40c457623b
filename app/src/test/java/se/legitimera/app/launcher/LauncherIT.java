package se.legitimera.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.stack.StackRequirement;

/** The developer launcher that the Maven build writes, run as a user would run it. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("target/legitimera");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(40);
    /** Generous bound for a loaded CI machine: the point is that it ends, not how fast (bench/app measures). */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(40);

    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path logDir;

    @AfterEach
    void stopWhatThisTestStarted() throws InterruptedException {
        for (Process process : started.reversed()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void versionPrintsTheBuildVersion() throws Exception {
        Process process = new ProcessBuilder(LAUNCHER.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isZero();
        assertThat(output).startsWith("Legitimera " + AppVersion.current());
    }

    @Test
    void unknownOptionIsRefusedWithUsageAndExitCode2() throws Exception {
        Process process = new ProcessBuilder(LAUNCHER.toString(), "--no-such-option").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(output).contains("Unknown option").contains("Usage: legitimera");
    }

    @Test
    void startedAtLogin_withStartAtLoginOff_exitsAtOnceWithoutATray() throws Exception {
        Path config = logDir.resolve("config");
        Files.createDirectories(config.resolve("legitimera"));
        Files.writeString(config.resolve("legitimera/settings.properties"), "start-at-login=false\n");
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "--autostart")
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("stdout.txt").toFile());
        builder.environment().put("XDG_CONFIG_HOME", config.toString());
        builder.environment().put("LEGITIMERA_JAVA_OPTS", "-Dlegitimera.logdir=" + logDir
                + " -Dlegitimera.runtimedir=" + logDir.resolve("run"));
        Process process = builder.start();
        started.add(process);

        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exited within 15 s").isTrue();
        assertThat(process.exitValue()).isZero();
        String log = Files.readString(logDir.resolve("legitimera.log"));
        assertThat(log).contains("Started at login, but start-at-login is false (USER): quitting")
                .doesNotContain(" ready in ");
        assertThat(logDir.resolve("run")).doesNotExist();
    }

    @Test
    void withoutATrayHost_showsTheMainWindowInstead() throws Exception {
        requireDisplay();

        startApp();

        assertThat(awaitReadyLine()).contains("(window, no tray)");
        assertThat(windowNames()).contains("\"Legitimera\"");
    }

    @Test
    void withATrayHost_putsItsIconInTheTray() throws Exception {
        requireDisplay();
        StackRequirement.require(onPath("trayer"), "trayer, a tray host for Xvfb (scripts/install-test-stack.sh)");
        started.add(new ProcessBuilder("trayer", "--edge", "top", "--widthtype", "request")
                .redirectErrorStream(true).redirectOutput(logDir.resolve("trayer.out").toFile()).start());
        Thread.sleep(500);

        startApp();

        assertThat(awaitReadyLine()).contains("(tray icon)");
    }

    @Test
    void withoutGtk_saysSoInOneLineAndExitsWith17InsteadOfWaiting() throws Exception {
        requireDisplay();
        // A library of GTK's name that cannot be loaded, found first: what JavaFX meets where GTK 3 is missing.
        Path hidden = Files.createDirectories(logDir.resolve("no-gtk"));
        Files.write(hidden.resolve("libgtk-3.so.0"), new byte[0]);
        ProcessBuilder builder = appProcess();
        builder.environment().put("LD_LIBRARY_PATH", hidden.toString());

        Process process = started(builder);

        assertThat(process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(process.exitValue()).as(output()).isEqualTo(17);
        assertThat(toldLines()).containsExactly("Legitimera: JavaFX behöver GTK 3: installera libgtk-3-0 (Debian, "
                + "Ubuntu) eller gtk3 (Fedora, RHEL) och starta Legitimera igen.");
        assertThat(Files.readString(logDir.resolve("legitimera.log")))
                .contains("Unable to load glass GTK library").doesNotContain(" ready in ");
    }

    @Test
    void withoutADisplay_saysSoInOneLineAndExitsWith16_whileTheCliStillWorks() throws Exception {
        ProcessBuilder builder = appProcess();
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");

        Process process = started(builder);

        assertThat(process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(process.exitValue()).as(output()).isEqualTo(16);
        assertThat(toldLines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("Legitimera: det finns ingen skärm att visa fönster på");

        ProcessBuilder cli = new ProcessBuilder(LAUNCHER.toString(), "status", "--help").redirectErrorStream(true);
        cli.environment().remove("DISPLAY");
        Process status = cli.start();
        status.getInputStream().readAllBytes();
        assertThat(status.waitFor()).isZero();
    }

    @Test
    void aCorruptClassArchive_isReplaced_withoutAJvmWarning() throws Exception {
        // What a JVM killed while writing the archive leaves: zeros where the header goes.
        Path archive = logDir.resolve("legitimera.jsa");
        Files.write(archive, new byte[100_000]);

        String first = versionWithArchive(archive, logDir.resolve("classes-1.txt"));
        String second = versionWithArchive(archive, logDir.resolve("classes-2.txt"));

        assertThat(first).as("no JVM warning").isEqualTo(second).doesNotContainIgnoringCase("warning")
                .startsWith("Legitimera " + AppVersion.current());
        assertThat(Files.readString(logDir.resolve("classes-1.txt")))
                .doesNotContain("shared objects file (top)");
        assertThat(Files.readString(logDir.resolve("classes-2.txt"))).as("the second launch maps a fresh archive")
                .contains("se.legitimera.app.launcher.Main source: shared objects file (top)");
        assertThat(Files.size(archive)).isGreaterThan(100_000);
    }

    /** {@code legitimera --version} with the dynamic archive at {@code archive}, logging class loading. */
    private String versionWithArchive(Path archive, Path classLog) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "--version").redirectErrorStream(true);
        builder.environment().put("LEGITIMERA_AOT", logDir.resolve("no-aot-cache").toString());
        builder.environment().put("LEGITIMERA_CDS", archive.toString());
        builder.environment().put("LEGITIMERA_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Process process = started(builder);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private void startApp() throws IOException {
        started(appProcess());
    }

    private ProcessBuilder appProcess() {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString())
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("stdout.txt").toFile());
        builder.environment().put("LEGITIMERA_JAVA_OPTS",
                "-Dlegitimera.logdir=" + logDir + " -Dlegitimera.runtimedir=" + logDir.resolve("run") + " -Dprism.order=sw -Duser.language=sv -Duser.country=SE");
        return builder;
    }

    private Process started(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private String output() throws IOException {
        return Files.readString(logDir.resolve("stdout.txt"));
    }

    /**
     * The lines the app wrote for the user, after checking that no stack trace reached the terminal (a
     * warning that pcscd is not running may stand beside them, depending on the machine).
     */
    private List<String> toldLines() throws IOException {
        String output = output();
        assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
        return output.lines().filter(line -> line.startsWith("Legitimera:")).toList();
    }

    private String awaitReadyLine() throws Exception {
        Path log = logDir.resolve("legitimera.log");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains(" ready in ")) {
                        return line;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no ready line within " + READY_TIMEOUT + "; app output: "
                + Files.readString(logDir.resolve("stdout.txt")));
    }

    private static String windowNames() throws Exception {
        Process xwininfo = new ProcessBuilder("xwininfo", "-root", "-tree").redirectErrorStream(true).start();
        String tree = new String(xwininfo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        xwininfo.waitFor();
        return tree;
    }

    private static void requireDisplay() {
        StackRequirement.require(System.getenv("DISPLAY") != null, "an X display (run under xvfb-run)");
        StackRequirement.require(onPath("xwininfo"), "xwininfo (x11-utils, scripts/install-test-stack.sh)");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
