package se.legitimera.app.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.legitimera.app.cli.LegitimeraCommand.DesktopOptions;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.Settings;

/**
 * The setting {@code start-at-login}: the installers register a start at login for every user that passes
 * {@code --autostart}, and such a start quits at once when the merged setting (the policy wins) is false.
 * Where the user can own an entry that overrides the machine's (XDG autostart on Linux), the app also keeps
 * that entry in step, so that the app does not even start.
 */
interface LoginStart {

    /**
     * Makes the user's own entry agree with {@code enabled}. Blocking file I/O; idempotent.
     *
     * @throws IOException when the entry cannot be written or removed
     */
    void apply(boolean enabled) throws IOException;

    /** Whether this start goes on: false only for a start at login while the setting says not to start. */
    static boolean proceeds(DesktopOptions options, Settings settings) {
        return !options.autostart() || settings.get(SettingKey.START_AT_LOGIN).value();
    }

    /**
     * The user's entry on this machine: XDG autostart on Linux, for an installed app only (a developer's
     * launcher leaves the installed app's entries alone). Empty on Windows and macOS: their entries (HKLM
     * Run, the LaunchAgent in /Library) belong to the machine, and {@code --autostart} alone turns them off.
     */
    static Optional<LoginStart> forThisMachine() {
        Optional<Path> launcher = Optional.ofNullable(System.getProperty("jpackage.app-path")).map(Path::of);
        boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux");
        if (!linux || launcher.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(xdg(System.getenv(), Path.of(System.getProperty("user.home")), launcher.get()));
    }

    /** The XDG autostart entry as the base directory spec places it for this environment. */
    static LoginStart xdg(Map<String, String> env, Path home, Path launcher) {
        String configHome = env.get("XDG_CONFIG_HOME");
        Path user = configHome != null && Path.of(configHome).isAbsolute() ? Path.of(configHome) : home.resolve(".config");
        String configDirs = env.getOrDefault("XDG_CONFIG_DIRS", "");
        List<Path> system = Arrays.stream(configDirs.split(":")).filter(dir -> !dir.isEmpty())
                .map(Path::of).filter(Path::isAbsolute).toList();
        return new XdgLoginStart(user.resolve("autostart"),
                (system.isEmpty() ? List.of(Path.of("/etc/xdg")) : system).stream()
                        .map(dir -> dir.resolve("autostart")).toList(), launcher);
    }
}
