package se.legitimera.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyLocationTest {

    @Test
    void linuxPolicyIsUnderEtc() {
        assertThat(PolicyLocation.forOs("Linux", Map.of())).isEqualTo(Path.of("/etc/legitimera/policy.properties"));
    }

    @Test
    void macPolicyIsUnderLibraryApplicationSupport() {
        assertThat(PolicyLocation.forOs("Mac OS X", Map.of()))
                .isEqualTo(Path.of("/Library/Application Support/Legitimera/policy.properties"));
    }

    @Test
    void windowsPolicyIsUnderProgramData() {
        assertThat(PolicyLocation.forOs("Windows 11", Map.of("ProgramData", "/data")))
                .isEqualTo(Path.of("/data", "Legitimera", "policy.properties"));
    }
}
