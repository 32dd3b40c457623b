package se.legitimera.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserFoldersTest {

    private final Path home = Path.of("/home/anna");

    @Test
    void onLinux_followsXdgStateAndConfigHome() {
        UserFolders folders = UserFolders.of("Linux", home,
                Map.of("XDG_STATE_HOME", "/xdg/state", "XDG_CONFIG_HOME", "/xdg/config"));

        assertThat(folders.logs()).isEqualTo(Path.of("/xdg/state/legitimera/logs"));
        assertThat(folders.config()).isEqualTo(Path.of("/xdg/config/legitimera"));
    }

    @Test
    void onLinux_ignoresRelativeXdgPathsAsTheSpecSays() {
        UserFolders folders = UserFolders.of("Linux", home, Map.of("XDG_STATE_HOME", "relative"));

        assertThat(folders.logs()).isEqualTo(Path.of("/home/anna/.local/state/legitimera/logs"));
    }

    @Test
    void onMac_usesLibraryLogs() {
        assertThat(UserFolders.of("Mac OS X", home, Map.of()).logs())
                .isEqualTo(Path.of("/home/anna/Library/Logs/Legitimera"));
    }

    @Test
    void onWindows_usesLocalAppData() {
        UserFolders folders = UserFolders.of("Windows 11", home, Map.of("LOCALAPPDATA", "/c/Users/anna/AppData/Local"));

        assertThat(folders.logs()).isEqualTo(Path.of("/c/Users/anna/AppData/Local/Legitimera/Logs"));
    }

    @Test
    void runtimeFolder_isXdgRuntimeDirOnLinux_elseAPerUserFolderInTmp() {
        assertThat(UserFolders.of("Linux", home, Map.of("XDG_RUNTIME_DIR", "/run/user/1000")).runtime())
                .isEqualTo(Path.of("/run/user/1000/legitimera"));
        assertThat(UserFolders.of("Linux", home, Map.of(), Path.of("/tmp"), "anna").runtime())
                .isEqualTo(Path.of("/tmp/legitimera-anna"));
    }

    @Test
    void runtimeFolder_isLibraryCachesOnMacAndLocalAppDataOnWindows() {
        assertThat(UserFolders.of("Mac OS X", home, Map.of()).runtime())
                .isEqualTo(Path.of("/home/anna/Library/Caches/Legitimera"));
        assertThat(UserFolders.of("Windows 11", home, Map.of("LOCALAPPDATA", "/c/Users/anna/AppData/Local")).runtime())
                .isEqualTo(Path.of("/c/Users/anna/AppData/Local/Legitimera"));
    }
}
