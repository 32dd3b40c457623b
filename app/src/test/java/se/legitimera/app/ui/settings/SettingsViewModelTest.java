package se.legitimera.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.app.settings.Environment;
import se.legitimera.app.settings.Language;
import se.legitimera.app.settings.LogLevel;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.SettingSource;
import se.legitimera.app.settings.Settings;
import se.legitimera.app.settings.SettingsStore;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;

class SettingsViewModelTest {

    private final List<Settings> applied = new ArrayList<>();

    @TempDir
    Path folder;

    private SettingsStore store(String policy) throws IOException {
        Path policyFile = folder.resolve("policy.properties");
        Files.writeString(policyFile, policy, StandardCharsets.UTF_8);
        return SettingsStore.builder().withUserFile(folder.resolve("settings.properties")).withPolicyFile(policyFile)
                .withOsLocale(Locale.of("sv")).build();
    }

    private SettingsViewModel opened(SettingsStore store) {
        SettingsViewModel viewModel = new SettingsViewModel(Messages.forLocale(Locale.of("sv")), store, Runnable::run,
                Runnable::run, applied::add);
        viewModel.open();
        return viewModel;
    }

    @Test
    void showsTheMergedValues_andWhatThePolicyLocks() throws IOException {
        SettingsViewModel viewModel = opened(store("environment=test\nlog.level=WARN\n"));

        assertThat(viewModel.environmentProperty().get()).isEqualTo(Environment.TEST);
        assertThat(viewModel.environmentLockedProperty().get()).isTrue();
        assertThat(viewModel.logLevelProperty().get()).isEqualTo(LogLevel.WARN);
        assertThat(viewModel.logLevelLockedProperty().get()).isTrue();
        assertThat(viewModel.languageProperty().get()).isEqualTo(Language.SV);
        assertThat(viewModel.languageLockedProperty().get()).isFalse();
        assertThat(viewModel.pinCacheMinutesProperty().get()).isZero();
        assertThat(viewModel.noticeProperty().get().text()).isEqualTo("Din organisation har låst en del inställningar.");
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void savingWritesTheChangedOpenSettings_andLeavesTheLockedOnesToThePolicy() throws IOException {
        SettingsStore store = store("environment=test\n");
        SettingsViewModel viewModel = opened(store);

        viewModel.languageProperty().set(Language.EN);
        viewModel.pinCacheMinutesProperty().set(15);
        viewModel.pkcs11ModuleProperty().set("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");
        viewModel.save();

        Settings saved = store.load();
        assertThat(saved.get(SettingKey.LANGUAGE).value()).isEqualTo(Language.EN);
        assertThat(saved.get(SettingKey.LANGUAGE).source()).isEqualTo(SettingSource.USER);
        assertThat(saved.get(SettingKey.PIN_CACHE_MINUTES).value()).isEqualTo(15);
        assertThat(saved.get(SettingKey.PKCS11_MODULE).value())
                .contains(Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"));
        assertThat(saved.get(SettingKey.ENVIRONMENT).value()).isEqualTo(Environment.TEST);
        assertThat(Files.readString(folder.resolve("settings.properties"))).doesNotContain("environment")
                .doesNotContain("log.level");
        assertThat(viewModel.noticeProperty().get().kind()).isEqualTo(Notice.Kind.SUCCESS);
    }

    @Test
    void afterSaving_theMergedSettingsAreAppliedAtOnce_withThePolicyWinning() throws IOException {
        SettingsViewModel viewModel = opened(store("start-at-login=true\n"));

        viewModel.startAtLoginProperty().set(false);
        viewModel.pinCacheMinutesProperty().set(30);
        viewModel.save();

        assertThat(applied).hasSize(1);
        assertThat(applied.getFirst().get(SettingKey.PIN_CACHE_MINUTES).value()).isEqualTo(30);
        assertThat(applied.getFirst().get(SettingKey.START_AT_LOGIN).value()).isTrue();
    }

    @Test
    void aRelativeModulePath_isRefusedBeforeAnythingIsWritten() throws IOException {
        SettingsStore store = store("");
        SettingsViewModel viewModel = opened(store);

        viewModel.pkcs11ModuleProperty().set("opensc-pkcs11.so");
        viewModel.languageProperty().set(Language.EN);
        viewModel.save();

        assertThat(viewModel.noticeProperty().get().kind()).isEqualTo(Notice.Kind.ERROR);
        assertThat(store.load().get(SettingKey.LANGUAGE).value()).isEqualTo(Language.SV);
        assertThat(store.load().get(SettingKey.PKCS11_MODULE).value()).isEqualTo(Optional.empty());
    }
}
