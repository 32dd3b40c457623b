package se.legitimera.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.app.ui.window.WindowTestBench;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * The developer launcher run as the operating system runs it: a first launch becomes the running app, a
 * second launch with a {@code legitimera://} link hands it over through the real single-instance socket and
 * exits (by the quick path, {@code QuickHandover}, when the link is all it got; by the full start-up path
 * otherwise), and the running app opens its login window. Screenshots of the whole X display per step.
 */
class LauncherHandOverIT {

    private static final Path LAUNCHER = Path.of("target/legitimera");
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    Path temp;

    private final List<Process> started = new ArrayList<>();
    private int step;

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
    void aSecondLaunchWithALink_handsItToTheRunningApp_whichOpensTheLoginWindow() throws Exception {
        StackRequirement.require(System.getenv("DISPLAY") != null, "an X display (run under xvfb-run)");
        StackRequirement.require(onPath("xwininfo"), "xwininfo (x11-utils)");
        StackRequirement.require(onPath("import"), "ImageMagick's import, for screenshots of the display");

        Process first = launch(List.of(), "first");
        awaitLog("the first launch to be ready", line -> line.contains(" ready in "));
        assertThat(first.isAlive()).isTrue();
        screenshot("first-launch-main-window");

        Process second = launch(List.of("legitimera://login?autostart=not-a-real-token"), "second");
        assertThat(second.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();
        assertThat(Files.readString(temp.resolve("second.out"))).doesNotContain("not-a-real-token");

        awaitLog("the login window after the hand-over", line -> line.contains("Login dialog shown"));
        awaitWindow("Legitimera \u2013 inloggning");
        screenshot("login-window-after-hand-over");
        // The quick path (java.base only, no Logback) took the link; the full start-up path logs this line.
        assertThat(Files.readString(temp.resolve("legitimera.log")))
                .doesNotContain("Handed over to the running Legitimera")
                .doesNotContain("not-a-real-token");
    }

    @Test
    void aSecondLaunchWithAnOption_takesTheFullPath_andStillHandsOver() throws Exception {
        StackRequirement.require(System.getenv("DISPLAY") != null, "an X display (run under xvfb-run)");

        Process first = launch(List.of("--minimized"), "first");
        awaitLog("the first launch to be ready", line -> line.contains(" ready in "));
        assertThat(first.isAlive()).isTrue();

        // An option is never taken by the quick path: picocli parses it, and the hand-over is SingleInstance's.
        Process second = launch(List.of("--minimized", "legitimera://login?autostart=not-a-real-token"), "second");
        assertThat(second.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();

        awaitLog("the login window after the hand-over", line -> line.contains("Login dialog shown"));
        assertThat(Files.readString(temp.resolve("legitimera.log")))
                .contains("Handed over to the running Legitimera")
                .doesNotContain("not-a-real-token");
    }

    private Process launch(List<String> arguments, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve(name + ".out").toFile());
        builder.environment().put("LEGITIMERA_JAVA_OPTS", "-Dlegitimera.logdir=" + temp
                + " -Dlegitimera.runtimedir=" + temp.resolve("run") + " -Dprism.order=sw"
                + " -Duser.language=sv -Duser.country=SE");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void awaitLog(String what, Predicate<String> line) throws Exception {
        Path log = temp.resolve("legitimera.log");
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; app output: "
                + Files.readString(temp.resolve("first.out")));
    }

    private void awaitWindow(String title) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (run("xwininfo", "-root", "-tree").contains("\"" + title + "\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no window titled " + title);
    }

    private void screenshot(String name) throws Exception {
        Thread.sleep(500);
        Files.createDirectories(WindowTestBench.SCREENSHOTS);
        run("import", "-window", "root", WindowTestBench.SCREENSHOTS
                .resolve(String.format("e2e-handOver-%02d-%s.png", ++step, name)).toString());
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
