package se.legitimera.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.app.cli.LegitimeraCommand.DesktopOptions;
import se.legitimera.app.settings.Settings;
import se.legitimera.app.settings.SettingsStore;

class LoginStartTest {

    private static final Path LAUNCHER = Path.of("/opt/legitimera/bin/legitimera");
    private static final DesktopOptions AT_LOGIN = new DesktopOptions(true, true, false, Optional.empty());
    private static final DesktopOptions BY_HAND = new DesktopOptions(false, false, false, Optional.empty());

    @TempDir
    Path folder;

    private Settings settings(String user, String policy) throws IOException {
        Files.writeString(folder.resolve("settings.properties"), user, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("policy.properties"), policy, StandardCharsets.UTF_8);
        return SettingsStore.builder().withUserFile(folder.resolve("settings.properties"))
                .withPolicyFile(folder.resolve("policy.properties")).withOsLocale(Locale.of("sv")).build().load();
    }

    @Test
    void aStartAtLogin_goesOnByDefault() throws IOException {
        assertThat(LoginStart.proceeds(AT_LOGIN, settings("", ""))).isTrue();
    }

    @Test
    void aStartAtLogin_quitsWhenTheUserTurnedItOff() throws IOException {
        assertThat(LoginStart.proceeds(AT_LOGIN, settings("start-at-login=false\n", ""))).isFalse();
    }

    @Test
    void thePolicyWins_bothWays() throws IOException {
        assertThat(LoginStart.proceeds(AT_LOGIN, settings("start-at-login=true\n", "start-at-login=false\n")))
                .isFalse();
        assertThat(LoginStart.proceeds(AT_LOGIN, settings("start-at-login=false\n", "start-at-login=true\n")))
                .isTrue();
    }

    @Test
    void aStartByHand_alwaysGoesOn() throws IOException {
        assertThat(LoginStart.proceeds(BY_HAND, settings("start-at-login=false\n", "start-at-login=false\n")))
                .isTrue();
    }

    private XdgLoginStart xdg(boolean systemEntry) throws IOException {
        Path system = folder.resolve("etc/xdg/autostart");
        Files.createDirectories(system);
        if (systemEntry) {
            Files.writeString(system.resolve(XdgLoginStart.FILE_NAME), "[Desktop Entry]\nExec=legitimera --autostart\n");
        }
        return new XdgLoginStart(folder.resolve("home/.config/autostart"), List.of(system), LAUNCHER);
    }

    private Path userEntry() {
        return folder.resolve("home/.config/autostart").resolve(XdgLoginStart.FILE_NAME);
    }

    @Test
    void turnedOff_aHiddenUserEntryOverridesTheSystemOne() throws IOException {
        xdg(true).apply(false);

        assertThat(Files.readAllLines(userEntry())).contains("[Desktop Entry]", "Hidden=true",
                "Exec=/opt/legitimera/bin/legitimera --autostart");
    }

    @Test
    void turnedOnAgain_theSystemEntryApplies() throws IOException {
        XdgLoginStart entry = xdg(true);
        entry.apply(false);

        entry.apply(true);

        assertThat(userEntry()).doesNotExist();
    }

    @Test
    void turnedOn_withoutASystemEntry_theUserEntryStartsTheInstalledLauncher() throws IOException {
        xdg(false).apply(true);

        assertThat(Files.readAllLines(userEntry())).contains("Exec=/opt/legitimera/bin/legitimera --autostart")
                .doesNotContain("Hidden=true");
    }

    @Test
    void anEntryTheUserWrote_isLeftAloneWhenOn_andReplacedWhenOff() throws IOException {
        XdgLoginStart entry = xdg(true);
        Files.createDirectories(userEntry().getParent());
        Files.writeString(userEntry(), "[Desktop Entry]\nExec=legitimera --autostart --demo\n");

        entry.apply(true);
        assertThat(Files.readString(userEntry())).contains("--demo");

        entry.apply(false);
        assertThat(Files.readAllLines(userEntry())).contains("Hidden=true");
    }

    @Test
    void theFoldersFollowTheXdgVariables() throws IOException {
        Path system = folder.resolve("xdg-dirs");
        Files.createDirectories(system.resolve("autostart"));
        Files.writeString(system.resolve("autostart").resolve(XdgLoginStart.FILE_NAME), "[Desktop Entry]\n");
        LoginStart entry = LoginStart.xdg(Map.of("XDG_CONFIG_HOME", folder.resolve("cfg").toString(),
                "XDG_CONFIG_DIRS", "relative/ignored:" + system), folder.resolve("home"), LAUNCHER);

        entry.apply(false);
        assertThat(folder.resolve("cfg/autostart").resolve(XdgLoginStart.FILE_NAME)).exists();
        entry.apply(true);
        assertThat(folder.resolve("cfg/autostart").resolve(XdgLoginStart.FILE_NAME)).doesNotExist();
    }
}
