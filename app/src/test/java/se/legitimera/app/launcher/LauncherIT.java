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

    private void startApp() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString())
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("stdout.txt").toFile());
        builder.environment().put("LEGITIMERA_JAVA_OPTS",
                "-Dlegitimera.logdir=" + logDir + " -Dlegitimera.runtimedir=" + logDir.resolve("run") + " -Dprism.order=sw -Duser.language=sv -Duser.country=SE");
        started.add(builder.start());
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
