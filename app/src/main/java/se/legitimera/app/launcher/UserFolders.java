package se.legitimera.app.launcher;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Per-OS user folders, following each platform's convention (XDG on Linux,
 * ~/Library on macOS, %LOCALAPPDATA% on Windows).
 */
public record UserFolders(Path logs, Path config) {

    public static UserFolders forCurrentUser() {
        return of(System.getProperty("os.name"), Path.of(System.getProperty("user.home")), System.getenv());
    }

    static UserFolders of(String osName, Path home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path local = env.containsKey("LOCALAPPDATA") ? Path.of(env.get("LOCALAPPDATA")) : home.resolve("AppData/Local");
            Path roaming = env.containsKey("APPDATA") ? Path.of(env.get("APPDATA")) : home.resolve("AppData/Roaming");
            return new UserFolders(local.resolve("Legitimera/Logs"), roaming.resolve("Legitimera"));
        }
        if (os.startsWith("mac")) {
            return new UserFolders(home.resolve("Library/Logs/Legitimera"),
                    home.resolve("Library/Application Support/Legitimera"));
        }
        Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state"));
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        return new UserFolders(state.resolve("legitimera/logs"), config.resolve("legitimera"));
    }

    private static Path xdg(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        // The XDG spec says relative paths are invalid and must be ignored.
        return value != null && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
