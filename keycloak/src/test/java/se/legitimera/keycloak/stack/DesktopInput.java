package se.legitimera.keycloak.stack;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A user at the keyboard of the X display the app runs on (xdotool, XTEST input): finds a window by its
 * title, focuses it and types or presses keys. No window manager runs under Xvfb, so the window is focused
 * explicitly. Titles are matched as xdotool regular expressions; keep them ASCII, as a C locale passes
 * arguments.
 */
public final class DesktopInput {

    private DesktopInput() {
    }

    /** Whether xdotool is on the PATH (Debian package xdotool). */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "xdotool"))) {
                return true;
            }
        }
        return false;
    }

    /** Focuses the window and types {@code text} and Enter. */
    public static void typeInto(String title, String text) throws Exception {
        focus(title);
        run("xdotool", "type", "--delay", "50", text);
        run("xdotool", "key", "Return");
    }

    /** Focuses the window and presses one key (an xdotool key name, e.g. {@code Escape} or {@code alt+v}). */
    public static void press(String title, String key) throws Exception {
        focus(title);
        run("xdotool", "key", key);
    }

    /** The id of a visible window whose title matches, if one shows now. */
    public static Optional<String> visibleWindow(String title) throws Exception {
        Process search = new ProcessBuilder("xdotool", "search", "--onlyvisible", "--name", title)
                .redirectErrorStream(true).start();
        String found = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return search.waitFor() == 0 && !found.isEmpty()
                ? Optional.of(found.lines().findFirst().orElseThrow().trim()) : Optional.empty();
    }

    private static void focus(String title) throws Exception {
        Optional<String> window = Optional.empty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (window.isEmpty() && System.nanoTime() < deadline) {
            window = visibleWindow(title);
            if (window.isEmpty()) {
                Thread.sleep(200);
            }
        }
        if (window.isEmpty()) {
            throw new AssertionError("no visible window titled *" + title + " on " + System.getenv("DISPLAY"));
        }
        Thread.sleep(1000); // let the window show its content and focus its first field (not an assertion)
        run("xdotool", "windowfocus", window.get());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
