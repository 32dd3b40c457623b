package se.legitimera.app.ui.settings;

import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;
import se.legitimera.app.settings.Environment;
import se.legitimera.app.settings.Language;
import se.legitimera.app.settings.LogLevel;
import se.legitimera.app.ui.common.NoticeLabel;
import se.legitimera.app.ui.common.WindowLifecycle;

/** Binds the settings window to its view model; a setting the policy locks is shown disabled with a lock note. */
public final class SettingsController implements WindowLifecycle {

    private final SettingsViewModel viewModel;

    @FXML
    private ResourceBundle resources;
    @FXML
    private ComboBox<Environment> environment;
    @FXML
    private Label environmentLocked;
    @FXML
    private TextField pkcs11Module;
    @FXML
    private Label pkcs11ModuleLocked;
    @FXML
    private ComboBox<Language> language;
    @FXML
    private Label languageLocked;
    @FXML
    private CheckBox startAtLogin;
    @FXML
    private Label startAtLoginLocked;
    @FXML
    private CheckBox waitForLogins;
    @FXML
    private Label waitForLoginsLocked;
    @FXML
    private Spinner<Integer> pinCacheMinutes;
    @FXML
    private Label pinCacheMinutesLocked;
    @FXML
    private ComboBox<LogLevel> logLevel;
    @FXML
    private Label logLevelLocked;
    @FXML
    private NoticeLabel notice;
    @FXML
    private Button save;

    public SettingsController(SettingsViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        environment.getItems().setAll(Environment.values());
        environment.setConverter(named(e -> switch (e) {
            case PRODUCTION -> "settings.environment.production";
            case TEST -> "settings.environment.test";
            case QA -> "settings.environment.qa";
        }));
        environment.valueProperty().bindBidirectional(viewModel.environmentProperty());
        pkcs11Module.textProperty().bindBidirectional(viewModel.pkcs11ModuleProperty());
        language.getItems().setAll(Language.values());
        language.setConverter(named(l -> switch (l) {
            case SV -> "settings.language.sv";
            case EN -> "settings.language.en";
        }));
        language.valueProperty().bindBidirectional(viewModel.languageProperty());
        startAtLogin.selectedProperty().bindBidirectional(viewModel.startAtLoginProperty());
        waitForLogins.selectedProperty().bindBidirectional(viewModel.waitForLoginsProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory minutes = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 480);
        pinCacheMinutes.setValueFactory(minutes);
        minutes.valueProperty().bindBidirectional(viewModel.pinCacheMinutesProperty());
        logLevel.getItems().setAll(LogLevel.values());
        logLevel.valueProperty().bindBidirectional(viewModel.logLevelProperty());
        lock(environment, environmentLocked, viewModel.environmentLockedProperty());
        lock(pkcs11Module, pkcs11ModuleLocked, viewModel.pkcs11ModuleLockedProperty());
        lock(language, languageLocked, viewModel.languageLockedProperty());
        lock(startAtLogin, startAtLoginLocked, viewModel.startAtLoginLockedProperty());
        lock(waitForLogins, waitForLoginsLocked, viewModel.waitForLoginsLockedProperty());
        lock(pinCacheMinutes, pinCacheMinutesLocked, viewModel.pinCacheMinutesLockedProperty());
        lock(logLevel, logLevelLocked, viewModel.logLevelLockedProperty());
        viewModel.noticeProperty().subscribe(notice::show);
        save.disableProperty().bind(viewModel.busyProperty());
    }

    private void lock(Control control, Label note, ReadOnlyBooleanProperty locked) {
        control.disableProperty().bind(locked.or(viewModel.busyProperty()));
        note.visibleProperty().bind(locked);
        note.managedProperty().bind(locked);
        locked.subscribe(isLocked -> control.setAccessibleHelp(isLocked ? note.getText() : null));
    }

    private <T> StringConverter<T> named(Function<T, String> key) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : resources.getString(key.apply(value));
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("the list is not editable");
            }
        };
    }

    @Override
    public void windowShown() {
        viewModel.open();
    }

    @FXML
    private void onSave() {
        viewModel.save();
    }

    @FXML
    private void onClose() {
        save.getScene().getWindow().hide();
    }
}
