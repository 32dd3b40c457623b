package se.legitimera.app.ui.settings;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import se.legitimera.app.settings.Environment;
import se.legitimera.app.settings.Language;
import se.legitimera.app.settings.LogLevel;
import se.legitimera.app.settings.Setting;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.SettingLockedException;
import se.legitimera.app.settings.Settings;
import se.legitimera.app.settings.SettingsException;
import se.legitimera.app.settings.SettingsStore;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;

/**
 * State of the settings window: the user's settings as the store merges them with the machine policy, which
 * of them the policy locks (shown, never editable), and saving the changed ones. Holds no Node; every method
 * runs on the JavaFX thread, file work on {@code worker}. What the app read at start-up stays in force
 * until it starts again, and the window says so after saving; the settings that take effect at once
 * (start at login, how long a PIN is kept) go to {@code applied}.
 */
public final class SettingsViewModel {

    private final ResourceBundle messages;
    private final SettingsStore store;
    private final Executor worker;
    private final Executor fxThread;
    private final Consumer<Settings> applied;

    private final ObjectProperty<Environment> environment = new SimpleObjectProperty<>(Environment.PRODUCTION);
    private final StringProperty pkcs11Module = new SimpleStringProperty("");
    private final ObjectProperty<Language> language = new SimpleObjectProperty<>(Language.SV);
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty(true);
    private final BooleanProperty waitForLogins = new SimpleBooleanProperty(false);
    private final ObjectProperty<Integer> pinCacheMinutes = new SimpleObjectProperty<>(0);
    private final ObjectProperty<LogLevel> logLevel = new SimpleObjectProperty<>(LogLevel.INFO);

    private final ReadOnlyBooleanWrapper environmentLocked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper pkcs11ModuleLocked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper languageLocked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper startAtLoginLocked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper waitForLoginsLocked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper pinCacheMinutesLocked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper logLevelLocked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(Notice.NONE);

    private Settings loaded;

    /** @param applied hears the merged settings after each save, on {@code worker} */
    public SettingsViewModel(ResourceBundle messages, SettingsStore store, Executor worker, Executor fxThread,
                             Consumer<Settings> applied) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.store = Objects.requireNonNull(store, "store");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.applied = Objects.requireNonNull(applied, "applied");
    }

    /** The window opened: reads the files anew. */
    public void open() {
        busy.set(true);
        notice.set(Notice.NONE);
        worker.execute(() -> {
            Settings settings = store.load();
            fxThread.execute(() -> show(settings));
        });
    }

    /** "Spara": writes the changed settings the policy leaves to the user. */
    public void save() {
        if (busy.get() || loaded == null) {
            return;
        }
        Optional<Path> module;
        try {
            module = pkcs11Module.get().isBlank() ? Optional.empty() : Optional.of(Path.of(pkcs11Module.get().trim()));
        } catch (InvalidPathException e) {
            module = Optional.of(Path.of(""));
        }
        if (module.isPresent() && !module.get().isAbsolute()) {
            notice.set(Notice.error(messages.getString("settings.modulePathNotAbsolute")));
            return;
        }
        Changes changes = new Changes(loaded);
        changes.put(SettingKey.ENVIRONMENT, environment.get());
        changes.put(SettingKey.PKCS11_MODULE, module);
        changes.put(SettingKey.LANGUAGE, language.get());
        changes.put(SettingKey.START_AT_LOGIN, startAtLogin.get());
        changes.put(SettingKey.PIN_CACHE_MINUTES, pinCacheMinutes.get());
        changes.put(SettingKey.WAIT_FOR_LOGINS, waitForLogins.get());
        changes.put(SettingKey.LOG_LEVEL, logLevel.get());
        busy.set(true);
        worker.execute(() -> {
            Notice result;
            try {
                changes.write(store);
                result = Notice.success(messages.getString("settings.saved"));
            } catch (SettingLockedException e) {
                result = Notice.error(messages.getString("settings.lockedMeanwhile"));
            } catch (SettingsException e) {
                result = Notice.error(Messages.format(messages, "settings.saveFailed", e.getMessage()));
            }
            Settings now = store.load();
            applied.accept(now);
            Notice answer = result;
            fxThread.execute(() -> {
                show(now);
                notice.set(answer);
            });
        });
    }

    private void show(Settings settings) {
        loaded = settings;
        environment.set(settings.get(SettingKey.ENVIRONMENT).value());
        pkcs11Module.set(settings.get(SettingKey.PKCS11_MODULE).value().map(Path::toString).orElse(""));
        language.set(settings.get(SettingKey.LANGUAGE).value());
        startAtLogin.set(settings.get(SettingKey.START_AT_LOGIN).value());
        pinCacheMinutes.set(settings.get(SettingKey.PIN_CACHE_MINUTES).value());
        waitForLogins.set(settings.get(SettingKey.WAIT_FOR_LOGINS).value());
        logLevel.set(settings.get(SettingKey.LOG_LEVEL).value());
        environmentLocked.set(settings.get(SettingKey.ENVIRONMENT).locked());
        pkcs11ModuleLocked.set(settings.get(SettingKey.PKCS11_MODULE).locked());
        languageLocked.set(settings.get(SettingKey.LANGUAGE).locked());
        startAtLoginLocked.set(settings.get(SettingKey.START_AT_LOGIN).locked());
        pinCacheMinutesLocked.set(settings.get(SettingKey.PIN_CACHE_MINUTES).locked());
        waitForLoginsLocked.set(settings.get(SettingKey.WAIT_FOR_LOGINS).locked());
        logLevelLocked.set(settings.get(SettingKey.LOG_LEVEL).locked());
        boolean anyLocked = settings.all().stream().anyMatch(Setting::locked);
        notice.set(anyLocked ? Notice.info(messages.getString("settings.someLocked")) : Notice.NONE);
        busy.set(false);
    }

    /** The settings whose value the user changed and the policy leaves open, written in one go. */
    private static final class Changes {
        private final Settings loaded;
        private final List<Write> writes = new ArrayList<>();

        private interface Write {
            void to(SettingsStore store) throws SettingsException;
        }

        Changes(Settings loaded) {
            this.loaded = loaded;
        }

        <T> void put(SettingKey<T> key, T value) {
            if (!loaded.get(key).locked() && !loaded.get(key).value().equals(value)) {
                writes.add(store -> store.save(key, value));
            }
        }

        void write(SettingsStore store) throws SettingsException {
            for (Write write : writes) {
                write.to(store);
            }
        }
    }

    public ObjectProperty<Environment> environmentProperty() {
        return environment;
    }

    /** The module's absolute path as typed; empty lets the app search for the usual modules. */
    public StringProperty pkcs11ModuleProperty() {
        return pkcs11Module;
    }

    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    public BooleanProperty startAtLoginProperty() {
        return startAtLogin;
    }

    /** Minutes, 0 to 480. */
    public ObjectProperty<Integer> pinCacheMinutesProperty() {
        return pinCacheMinutes;
    }

    public ObjectProperty<LogLevel> logLevelProperty() {
        return logLevel;
    }

    public ReadOnlyBooleanProperty environmentLockedProperty() {
        return environmentLocked.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pkcs11ModuleLockedProperty() {
        return pkcs11ModuleLocked.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty languageLockedProperty() {
        return languageLocked.getReadOnlyProperty();
    }

    /** Whether the app waits for logins addressed to the card holder ({@code wait-for-logins}). */
    public BooleanProperty waitForLoginsProperty() {
        return waitForLogins;
    }

    public ReadOnlyBooleanProperty waitForLoginsLockedProperty() {
        return waitForLoginsLocked.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startAtLoginLockedProperty() {
        return startAtLoginLocked.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pinCacheMinutesLockedProperty() {
        return pinCacheMinutesLocked.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty logLevelLockedProperty() {
        return logLevelLocked.getReadOnlyProperty();
    }

    /** True while the files are read or written: nothing can be saved then. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
