package se.legitimera.app.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the merged settings and changes the user's own. The user file lives in the per-OS config folder,
 * the machine policy in {@link PolicyLocation}. Thread-safe: every call reads the files anew; writes replace
 * the user file atomically.
 */
public interface SettingsStore {

    /** Reads both files and merges them; never fails, problems are reported in the result. */
    Settings load();

    /**
     * Stores {@code value} in the user's settings file.
     *
     * @throws SettingLockedException  when the machine policy sets {@code key}
     * @throws SettingsWriteException  when the user file cannot be written
     */
    <T> void save(SettingKey<T> key, T value) throws SettingsException;

    /**
     * Removes the user's own value of {@code key}, so the default applies again.
     *
     * @throws SettingLockedException  when the machine policy sets {@code key}
     * @throws SettingsWriteException  when the user file cannot be written
     */
    void reset(SettingKey<?> key) throws SettingsException;

    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SettingsStore}; the user file is required. */
    final class Builder {
        private Path userFile;
        private Path policyFile;
        private Locale osLocale = Locale.getDefault();

        private Builder() {
        }

        /** The user's settings file, e.g. {@code UserFolders.config().resolve("settings.properties")}. */
        public Builder withUserFile(Path file) {
            this.userFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** The machine policy file; by default {@link PolicyLocation#forThisMachine()}. */
        public Builder withPolicyFile(Path file) {
            this.policyFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** The OS locale, which decides the default language; by default the JVM's. */
        public Builder withOsLocale(Locale locale) {
            this.osLocale = Objects.requireNonNull(locale, "locale");
            return this;
        }

        /** @throws IllegalStateException when no user file was given */
        public SettingsStore build() {
            if (userFile == null) {
                throw new IllegalStateException("a settings store needs withUserFile(...)");
            }
            return new PropertiesSettingsStore(userFile,
                    policyFile != null ? policyFile : PolicyLocation.forThisMachine(), osLocale);
        }
    }
}
