package se.legitimera.app.settings;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.legitimera.oob.SpkiPin;

/** Policy over user over defaults, computed once from the two files' properties. */
final class MergedSettings implements Settings {

    private final Map<SettingKey<?>, Setting<?>> settings;
    private final List<SettingsProblem> problems;

    private MergedSettings(Map<SettingKey<?>, Setting<?>> settings, List<SettingsProblem> problems) {
        this.settings = settings;
        this.problems = problems;
    }

    static MergedSettings merge(SettingsFile policyFile, SettingsFile userFile, Locale osLocale) {
        List<SettingsProblem> problems = new ArrayList<>();
        Map<String, String> policy = policyFile.read(problems);
        Map<String, String> user = userFile.read(problems);
        reportUnknownKeys(policyFile, policy, problems);
        reportUnknownKeys(userFile, user, problems);
        CardProfilePolicy.load(CardProfilePolicy.fileNextTo(policyFile.path())).problem().ifPresent(problems::add);

        Map<SettingKey<?>, Setting<?>> settings = new LinkedHashMap<>();
        for (SettingKey<?> key : SettingKey.all()) {
            settings.put(key, resolve(key, policyFile, policy, userFile, user, osLocale, problems));
        }
        return new MergedSettings(settings, List.copyOf(problems));
    }

    private static <T> Setting<T> resolve(SettingKey<T> key, SettingsFile policyFile, Map<String, String> policy,
            SettingsFile userFile, Map<String, String> user, Locale osLocale, List<SettingsProblem> problems) {
        T fallback = key.defaultValue(osLocale);
        try {
            Optional<T> fromPolicy = key.read(policy);
            if (fromPolicy.isPresent()) {
                return new Setting<>(key, fromPolicy.get(), SettingSource.POLICY);
            }
        } catch (IllegalArgumentException e) {
            // The admin meant to lock this setting: keep it locked, at the safe default.
            problems.add(new SettingsProblem(policyFile.path(), key.name(),
                    e.getMessage() + "; locked at the default"));
            return new Setting<>(key, fallback, SettingSource.POLICY);
        }
        try {
            Optional<T> fromUser = key.read(user);
            if (fromUser.isPresent()) {
                return new Setting<>(key, fromUser.get(), SettingSource.USER);
            }
        } catch (IllegalArgumentException e) {
            problems.add(new SettingsProblem(userFile.path(), key.name(), e.getMessage() + "; using the default"));
        }
        return new Setting<>(key, fallback, SettingSource.DEFAULT);
    }

    private static void reportUnknownKeys(SettingsFile file, Map<String, String> properties,
            List<SettingsProblem> problems) {
        for (String propertyKey : properties.keySet()) {
            if (SettingKey.all().stream().noneMatch(key -> key.owns(propertyKey))) {
                problems.add(new SettingsProblem(file.path(), propertyKey, "unknown setting, ignored"));
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Setting<T> get(SettingKey<T> key) {
        return (Setting<T>) settings.get(key);
    }

    @Override
    public List<Setting<?>> all() {
        return List.copyOf(settings.values());
    }

    @Override
    public List<SettingsProblem> problems() {
        return problems;
    }

    @Override
    public Optional<ServiceEndpoint> serviceEndpoint() {
        Environment environment = get(SettingKey.ENVIRONMENT).value();
        Optional<URI> url = get(SettingKey.SERVICE_URL).value().or(() -> get(switch (environment) {
            case PRODUCTION -> SettingKey.PRODUCTION_URL;
            case TEST -> SettingKey.TEST_URL;
            case QA -> SettingKey.QA_URL;
        }).value());
        List<SpkiPin> pins = get(switch (environment) {
            case PRODUCTION -> SettingKey.PRODUCTION_PINS;
            case TEST -> SettingKey.TEST_PINS;
            case QA -> SettingKey.QA_PINS;
        }).value();
        return url.map(u -> new ServiceEndpoint(environment, u, pins));
    }
}
