package se.legitimera.app.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import se.legitimera.app.settings.Environment;
import se.legitimera.app.settings.Language;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.SettingsStore;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.Theme;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.app.ui.settings.SettingsController;
import se.legitimera.app.ui.settings.SettingsViewModel;

/** The settings window on a real screen, over settings files in a folder of the test's. */
class SettingsWindowIT {

    @TempDir
    Path folder;

    private WindowTestBench bench;
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void closeBench() {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void aLockedSettingIsShownDisabled_andAChangedOneIsSaved() throws Exception {
        bench = WindowTestBench.start("settings-window");
        Path policy = folder.resolve("policy.properties");
        Files.writeString(policy, "environment=test\n", StandardCharsets.UTF_8);
        SettingsStore store = SettingsStore.builder().withUserFile(folder.resolve("settings.properties"))
                .withPolicyFile(policy).withOsLocale(Locale.of("sv")).build();
        SettingsViewModel viewModel = new SettingsViewModel(bench.messages, store, bench.worker, Platform::runLater,
                saved -> { });
        WindowOpener windows = bench.windows(Theme.STANDARD,
                Map.of(SettingsController.class, () -> new SettingsController(viewModel)));

        Stage stage = bench.fx(() -> windows.show(FxmlView.SETTINGS));
        bench.await("the settings", () -> !viewModel.busyProperty().get());
        Node environment = bench.fx(() -> stage.getScene().lookup("#environment"));
        assertThat(environment.isDisabled()).isTrue();
        assertThat(bench.fx(() -> stage.getScene().lookup("#environmentLocked").isVisible())).isTrue();
        assertThat(bench.fx(() -> stage.getScene().lookup("#languageLocked").isVisible())).isFalse();
        bench.screenshot(stage, "opened");
        @SuppressWarnings("unchecked")
        ComboBox<Environment> shown = (ComboBox<Environment>) environment;
        assertThat(bench.fx(() -> shown.getConverter().toString(shown.getValue()))).isEqualTo("Test");

        @SuppressWarnings("unchecked")
        ComboBox<Language> language = (ComboBox<Language>) bench.fx(() -> stage.getScene().lookup("#language"));
        bench.fx(() -> language.setValue(Language.EN));
        robot.clickOn(bench.fx(() -> stage.getScene().lookup("#save")));
        bench.await("the save", () -> ((Labeled) stage.getScene().lookup("#notice")).getText()
                .startsWith("Inställningarna är sparade"));
        bench.screenshot(stage, "saved");
        assertThat(store.load().get(SettingKey.LANGUAGE).value()).isEqualTo(Language.EN);
    }
}
