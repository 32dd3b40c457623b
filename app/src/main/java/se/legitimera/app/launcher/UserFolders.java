package se.legitimera.app.launcher;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Per-OS user folders, following each platform's convention (XDG on Linux,
 * ~/Library on macOS, %LOCALAPPDATA% on Windows).
 *
 * @param logs    the app's logs
 * @param config  the user's settings
 * @param runtime the private folder (0700 where the OS has POSIX permissions) for the single-instance socket
 */
public record UserFolders(Path logs, Path config, Path runtime) {

    /** The user's settings file, beside which the machine policy applies. */
    public Path settingsFile() {
        return config.resolve("settings.properties");
    }

    public static UserFolders forCurrentUser() {
        return of(System.getProperty("os.name"), Path.of(System.getProperty("user.home")), System.getenv(),
                Path.of(System.getProperty("java.io.tmpdir")), System.getProperty("user.name"));
    }

    static UserFolders of(String osName, Path home, Map<String, String> env) {
        return of(osName, home, env, Path.of("/tmp"), "user");
    }

    static UserFolders of(String osName, Path home, Map<String, String> env, Path tmp, String userName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path local = env.containsKey("LOCALAPPDATA") ? Path.of(env.get("LOCALAPPDATA")) : home.resolve("AppData/Local");
            Path roaming = env.containsKey("APPDATA") ? Path.of(env.get("APPDATA")) : home.resolve("AppData/Roaming");
            return new UserFolders(local.resolve("Legitimera/Logs"), roaming.resolve("Legitimera"),
                    local.resolve("Legitimera"));
        }
        if (os.startsWith("mac")) {
            return new UserFolders(home.resolve("Library/Logs/Legitimera"),
                    home.resolve("Library/Application Support/Legitimera"), home.resolve("Library/Caches/Legitimera"));
        }
        Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state"));
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        // Without XDG_RUNTIME_DIR (no systemd login session) a per-user folder in /tmp, checked for its owner.
        Path runtime = xdg(env, "XDG_RUNTIME_DIR", null);
        return new UserFolders(state.resolve("legitimera/logs"), config.resolve("legitimera"),
                runtime != null ? runtime.resolve("legitimera") : tmp.resolve("legitimera-" + userName));
    }

    private static Path xdg(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        // The XDG spec says relative paths are invalid and must be ignored.
        return value != null && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
