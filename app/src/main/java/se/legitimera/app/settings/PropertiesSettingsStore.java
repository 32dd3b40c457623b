package se.legitimera.app.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

final class PropertiesSettingsStore implements SettingsStore {

    private final SettingsFile userFile;
    private final SettingsFile policyFile;
    private final Locale osLocale;

    PropertiesSettingsStore(Path userFile, Path policyFile, Locale osLocale) {
        this.userFile = new SettingsFile(userFile);
        this.policyFile = new SettingsFile(policyFile);
        this.osLocale = osLocale;
    }

    @Override
    public Settings load() {
        return MergedSettings.merge(policyFile, userFile, osLocale);
    }

    @Override
    public <T> void save(SettingKey<T> key, T value) throws SettingsException {
        replace(key, key.write(value));
    }

    @Override
    public void reset(SettingKey<?> key) throws SettingsException {
        replace(key, Map.of());
    }

    // Synchronized so that two changes from this process cannot lose one another.
    private synchronized void replace(SettingKey<?> key, Map<String, String> properties) throws SettingsException {
        if (load().get(key).locked()) {
            throw new SettingLockedException(key);
        }
        // A user file too broken to read is replaced rather than kept half-understood.
        List<SettingsProblem> ignored = new ArrayList<>();
        Map<String, String> user = new TreeMap<>(userFile.read(ignored));
        user.keySet().removeIf(key::owns);
        user.putAll(properties);
        try {
            userFile.write(user, "Legitimera user settings (the machine policy in "
                    + policyFile.path() + " overrides them)");
        } catch (IOException e) {
            throw new SettingsWriteException(userFile.path(), e);
        }
    }
}
