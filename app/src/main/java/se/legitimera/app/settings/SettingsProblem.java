package se.legitimera.app.settings;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong in a settings or policy file that was skipped rather than fatal: a bad value, an unknown key,
 * an unreadable file.
 *
 * @param file    the file it was found in
 * @param key     the property key, or empty when the whole file is concerned
 * @param message what is wrong, in words fit for an administrator (English, for the log)
 */
public record SettingsProblem(Path file, String key, String message) {

    public SettingsProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return key.isEmpty() ? file + ": " + message : file + ": " + key + ": " + message;
    }
}
