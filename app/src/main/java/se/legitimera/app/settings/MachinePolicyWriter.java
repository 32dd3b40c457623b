package se.legitimera.app.settings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes settings into the machine policy file at install time: the Windows MSI runs it (as the
 * {@code legitimera-policy} launcher) with the properties given to {@code msiexec}. Arguments are
 * {@code key=value}; an empty value is skipped (an MSI property that was not given), so that re-running
 * an install without properties keeps the existing policy. Every value is checked before anything is written.
 *
 * <p>Exit codes: 0 written (or nothing to write), 2 a bad argument or value (nothing written), 1 the file
 * could not be written.
 */
public final class MachinePolicyWriter {

    private final Path policyFile;

    MachinePolicyWriter(Path policyFile) {
        this.policyFile = policyFile;
    }

    public static void main(String[] args) {
        List<String> settings = new ArrayList<>(List.of(args));
        Path file = PolicyLocation.forThisMachine();
        if (settings.size() >= 2 && settings.get(0).equals("--file")) {
            file = Path.of(settings.get(1));
            settings = settings.subList(2, settings.size());
        }
        System.exit(new MachinePolicyWriter(file).write(settings, System.err));
    }

    /** Merges {@code keyValues} into the policy file; returns the exit code and explains failures on {@code err}. */
    int write(List<String> keyValues, PrintStream err) {
        Map<String, String> additions = new TreeMap<>();
        for (String argument : keyValues) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                err.println("legitimera-policy: expected key=value, got '" + argument + "'");
                return 2;
            }
            String value = argument.substring(equals + 1).strip();
            if (!value.isEmpty()) {
                additions.put(argument.substring(0, equals).strip(), value);
            }
        }
        if (additions.isEmpty()) {
            return 0;
        }
        SettingsFile file = new SettingsFile(policyFile);
        List<SettingsProblem> problems = new ArrayList<>();
        Map<String, String> policy = new TreeMap<>(file.read(problems));
        policy.putAll(additions);

        // Check the whole result the way the app will read it, but report only what this call adds.
        for (String key : additions.keySet()) {
            if (SettingKey.all().stream().noneMatch(setting -> setting.owns(key))) {
                problems.add(new SettingsProblem(policyFile, key, "unknown setting"));
            }
        }
        for (SettingKey<?> key : SettingKey.all()) {
            if (additions.keySet().stream().anyMatch(key::owns)) {
                try {
                    key.read(policy);
                } catch (IllegalArgumentException e) {
                    problems.add(new SettingsProblem(policyFile, key.name(), e.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("legitimera-policy: " + problem));
            return 2;
        }
        try {
            file.write(policy, "Legitimera machine policy: every key set here is locked for all users");
            return 0;
        } catch (IOException e) {
            err.println("legitimera-policy: cannot write " + policyFile + ": " + e);
            return 1;
        }
    }
}
