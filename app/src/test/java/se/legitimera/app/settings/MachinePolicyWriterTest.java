package se.legitimera.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachinePolicyWriterTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

    private Path policy() {
        return folder.resolve("Legitimera/policy.properties");
    }

    private Settings loadAsApp() {
        return SettingsStore.builder().withUserFile(folder.resolve("user.properties"))
                .withPolicyFile(policy()).build().load();
    }

    @Test
    void whenTheMsiPassesProperties_thenTheyAreWrittenAndLockedAndEmptyOnesSkipped() {
        int exit = new MachinePolicyWriter(policy()).write(List.of("environment=test",
                "service.url=https://idp.test.example.se/oob",
                "pkcs11.module=" + folder.resolve("OpenSC Project/opensc-pkcs11.dll"),
                "log.level="), err);

        assertThat(exit).isZero();
        Settings settings = loadAsApp();
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.get(SettingKey.ENVIRONMENT).locked()).isTrue();
        assertThat(settings.get(SettingKey.SERVICE_URL).locked()).isTrue();
        assertThat(settings.get(SettingKey.PKCS11_MODULE).value().orElseThrow().toString())
                .endsWith("opensc-pkcs11.dll");
        assertThat(settings.get(SettingKey.LOG_LEVEL).locked()).isFalse();
    }

    @Test
    void whenAValueIsBad_thenNothingIsWrittenAndTheReasonIsPrinted() throws IOException {
        Files.createDirectories(policy().getParent());
        Files.writeString(policy(), "language=sv\n");

        int exit = new MachinePolicyWriter(policy()).write(List.of("environment=prod", "colour=blue"), err);

        assertThat(exit).isEqualTo(2);
        assertThat(Files.readString(policy())).isEqualTo("language=sv\n");
        assertThat(errors.toString(StandardCharsets.UTF_8))
                .contains("environment: 'prod' is not one of production, test, qa")
                .contains("colour: unknown setting");
    }

    @Test
    void whenRunAgainWithOtherKeys_thenEarlierKeysAreKept() {
        MachinePolicyWriter writer = new MachinePolicyWriter(policy());

        assertThat(writer.write(List.of("language=sv"), err)).isZero();
        assertThat(writer.write(List.of("start-at-login=false", "language="), err)).isZero();

        Settings settings = loadAsApp();
        assertThat(settings.get(SettingKey.LANGUAGE).value()).isEqualTo(Language.SV);
        assertThat(settings.get(SettingKey.START_AT_LOGIN).value()).isFalse();
    }

    @Test
    void whenAnArgumentHasNoEqualsSign_thenItIsRefused() {
        assertThat(new MachinePolicyWriter(policy()).write(List.of("environment"), err)).isEqualTo(2);
        assertThat(policy()).doesNotExist();
    }
}
