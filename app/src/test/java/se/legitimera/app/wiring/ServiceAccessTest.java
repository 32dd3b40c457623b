package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.app.settings.Settings;
import se.legitimera.app.settings.SettingsStore;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.SpkiPin;

class ServiceAccessTest {

    private static final byte[] KEY_HASH = new byte[32];

    static {
        KEY_HASH[0] = 7;
    }

    @TempDir
    Path folder;

    private Settings settings(String user, String policy) throws IOException {
        Path userFile = folder.resolve("settings.properties");
        Path policyFile = folder.resolve("policy.properties");
        Files.writeString(userFile, user, StandardCharsets.UTF_8);
        Files.writeString(policyFile, policy, StandardCharsets.UTF_8);
        return SettingsStore.builder().withUserFile(userFile).withPolicyFile(policyFile).withOsLocale(Locale.of("sv"))
                .build().load();
    }

    @Test
    void theSelectedService_keepsItsPath_whereARealmsAppApiLives() throws IOException {
        Settings selected = settings("service.url=https://idp.example.se/realms/vard/legitimera/\n", "");

        assertThat(ServiceAccess.selectedService(selected))
                .contains(new ServiceOrigin("idp.example.se", 443, "/realms/vard/legitimera"));
        assertThat(ServiceAccess.of(selected).allowedOrigins()).containsExactly(new ServiceOrigin("idp.example.se", 443));
    }

    @Test
    void whenNothingIsConfigured_thenNoServiceIsAllowed() throws IOException {
        ServiceAccess access = ServiceAccess.of(settings("", ""));

        assertThat(access.allowedOrigins()).isEmpty();
        assertThat(access.pinnedKeys()).isEmpty();
        assertThat(access.problems()).isEmpty();
    }

    @Test
    void allowedOriginsAndTheEnvironmentsService_areAllowed_andItsPinsApplyToItsOriginOnly() throws IOException {
        String pin = "sha256/" + Base64.getEncoder().encodeToString(KEY_HASH);
        ServiceAccess access = ServiceAccess.of(settings(
                "service.allowed-origins=https://Login.Example.se, https://other.example.se:8443\n",
                "environment=test\nenvironment.test.url=https://idp.test.example.se/legitimera\n"
                        + "environment.test.pins=" + pin + "\n"));

        ServiceOrigin service = new ServiceOrigin("idp.test.example.se", 443);
        assertThat(access.allowedOrigins()).containsExactly(new ServiceOrigin("login.example.se", 443),
                new ServiceOrigin("other.example.se", 8443), service);
        assertThat(access.pinnedKeys()).containsOnlyKeys(service);
        assertThat(access.pinnedKeys().get(service)).containsExactly(new SpkiPin(KEY_HASH));
        assertThat(access.problems()).isEmpty();
    }

    @Test
    void serviceUrl_replacesTheEnvironmentsUrl_andKeepsItsPins() throws IOException {
        String pin = "sha256/" + Base64.getEncoder().encodeToString(KEY_HASH);
        ServiceAccess access = ServiceAccess.of(settings("service.url=https://idp.local.example.se:9443\n",
                "environment.production.url=https://idp.example.se\nenvironment.production.pins=" + pin + "\n"));

        ServiceOrigin local = new ServiceOrigin("idp.local.example.se", 9443);
        assertThat(access.allowedOrigins()).containsExactly(local);
        assertThat(access.pinnedKeys().get(local)).containsExactly(new SpkiPin(KEY_HASH));
    }

    @Test
    void aPlainHttpServiceUrl_isNotAllowed_andSaysSo() throws IOException {
        ServiceAccess access = ServiceAccess.of(settings("environment.production.url=http://127.0.0.1:8080\n", ""));

        assertThat(access.allowedOrigins()).isEmpty();
        assertThat(access.problems()).singleElement().asString().contains("not https");
    }
}
