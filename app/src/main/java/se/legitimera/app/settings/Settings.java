package se.legitimera.app.settings;

import java.util.List;
import java.util.Optional;

/**
 * The merged view of the machine policy, the user's settings and the defaults: for each setting its effective
 * value and whether the policy locks it. Immutable and thread-safe; load a new one to see later file changes.
 */
public interface Settings {

    /** The effective value of {@code key}. */
    <T> Setting<T> get(SettingKey<T> key);

    /** Every setting, in the order of {@link SettingKey#all()}. */
    List<Setting<?>> all();

    /**
     * What was skipped while reading the files (bad values, unknown keys, unreadable files). A setting with a bad
     * user value keeps its default; one with a bad policy value stays locked at its default.
     */
    List<SettingsProblem> problems();

    /**
     * The selected environment's service: its URL ({@link SettingKey#SERVICE_URL} when set) and pins.
     *
     * @return empty when no URL is configured for the selected environment
     */
    Optional<ServiceEndpoint> serviceEndpoint();
}
