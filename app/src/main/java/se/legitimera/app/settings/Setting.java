package se.legitimera.app.settings;

import java.util.Objects;

/**
 * The effective value of one setting and where it came from.
 *
 * @param key    which setting
 * @param value  the effective value, never null
 * @param source where the value comes from; {@link SettingSource#POLICY} means locked
 * @param <T>    the value type
 */
public record Setting<T>(SettingKey<T> key, T value, SettingSource source) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** True when the machine policy sets this setting, so the user cannot change it. */
    public boolean locked() {
        return source == SettingSource.POLICY;
    }
}
