package se.legitimera.app.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the machine-wide policy file lives on each OS. One format everywhere: a UTF-8 properties file with the
 * same keys as the user's settings.
 * <ul>
 *   <li>Linux: {@code /etc/legitimera/policy.properties}</li>
 *   <li>macOS: {@code /Library/Application Support/Legitimera/policy.properties}</li>
 *   <li>Windows: {@code %ProgramData%\Legitimera\policy.properties}</li>
 * </ul>
 */
public final class PolicyLocation {

    private PolicyLocation() {
    }

    /** The policy file of the machine this JVM runs on. */
    public static Path forThisMachine() {
        return forOs(System.getProperty("os.name"), System.getenv());
    }

    static Path forOs(String osName, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String programData = env.get("ProgramData") != null ? env.get("ProgramData") : env.get("PROGRAMDATA");
            Path base = programData != null ? Path.of(programData) : Path.of("C:\\ProgramData");
            return base.resolve("Legitimera").resolve("policy.properties");
        }
        if (os.startsWith("mac")) {
            return Path.of("/Library/Application Support/Legitimera/policy.properties");
        }
        return Path.of("/etc/legitimera/policy.properties");
    }
}
