package se.legitimera.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.oob.SpkiPin;

class SettingsStoreTest {

    private static final String PIN = "sha256/" + "A".repeat(43) + "=";

    @TempDir
    Path folder;

    private Path userFile() {
        return folder.resolve("user/settings.properties");
    }

    private Path policyFile() {
        return folder.resolve("etc/policy.properties");
    }

    private SettingsStore store(Locale osLocale) {
        return SettingsStore.builder().withUserFile(userFile()).withPolicyFile(policyFile())
                .withOsLocale(osLocale).build();
    }

    private SettingsStore store() {
        return store(Locale.ENGLISH);
    }

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void whenNoFilesExist_thenEveryValueIsTheDefaultAndNothingIsLocked() {
        Settings settings = store().load();

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.all()).hasSize(SettingKey.all().size())
                .allSatisfy(setting -> assertThat(setting.source()).isEqualTo(SettingSource.DEFAULT));
        assertThat(settings.get(SettingKey.ENVIRONMENT).value()).isEqualTo(Environment.PRODUCTION);
        assertThat(settings.get(SettingKey.PIN_CACHE_MINUTES).value()).isZero();
        assertThat(settings.get(SettingKey.START_AT_LOGIN).value()).isTrue();
        assertThat(settings.get(SettingKey.LOG_LEVEL).value()).isEqualTo(LogLevel.INFO);
        assertThat(settings.get(SettingKey.TUNNELS).value()).isEmpty();
        assertThat(settings.serviceEndpoint()).isEmpty();
    }

    @Test
    void whenTheOsSpeaksSwedish_thenTheDefaultLanguageIsSwedish() {
        assertThat(store(Locale.forLanguageTag("sv-SE")).load().get(SettingKey.LANGUAGE).value())
                .isEqualTo(Language.SV);
        assertThat(store(Locale.GERMANY).load().get(SettingKey.LANGUAGE).value()).isEqualTo(Language.EN);
    }

    @Test
    void whenTheUserSetsValues_thenTheyAreReadWithTheirTypes() throws IOException {
        write(userFile(), """
                environment = test
                environment.test.url = https://idp.test.example.se/oob
                environment.test.pins = %s
                service.allowed-origins = https://idp.test.example.se, https://login.example.se:8443
                pkcs11.module = /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so
                language = SV
                start-at-login = no
                pin-cache.minutes = 15
                log.level = debug
                """.formatted(PIN));

        Settings settings = store().load();

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.get(SettingKey.ENVIRONMENT)).isEqualTo(
                new Setting<>(SettingKey.ENVIRONMENT, Environment.TEST, SettingSource.USER));
        assertThat(settings.get(SettingKey.ALLOWED_ORIGINS).value()).containsExactly(
                URI.create("https://idp.test.example.se"), URI.create("https://login.example.se:8443"));
        assertThat(settings.get(SettingKey.PKCS11_MODULE).value())
                .contains(Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"));
        assertThat(settings.get(SettingKey.LANGUAGE).value()).isEqualTo(Language.SV);
        assertThat(settings.get(SettingKey.START_AT_LOGIN).value()).isFalse();
        assertThat(settings.get(SettingKey.PIN_CACHE_MINUTES).value()).isEqualTo(15);
        assertThat(settings.get(SettingKey.LOG_LEVEL).value()).isEqualTo(LogLevel.DEBUG);
        assertThat(settings.serviceEndpoint()).contains(new ServiceEndpoint(Environment.TEST,
                URI.create("https://idp.test.example.se/oob"), List.of(SpkiPin.parse(PIN))));
    }

    @Test
    void whenThePolicyNamesTrustLevelOids_thenTheyAreReadAndLocked() throws IOException {
        write(policyFile(), "trust-levels = 1.2.752.29.4.13.3.1=3, 1.2.752.29.4.13.2.1 = 2\n");

        Setting<List<TrustLevelPolicy>> levels = store().load().get(SettingKey.TRUST_LEVELS);

        assertThat(levels.value()).containsExactly(new TrustLevelPolicy("1.2.752.29.4.13.3.1", 3),
                new TrustLevelPolicy("1.2.752.29.4.13.2.1", 2));
        assertThat(levels.locked()).isTrue();
    }

    @Test
    void whenATrustLevelIsMalformed_thenTheProblemSaysWhyAndTheDefaultHolds() throws IOException {
        write(userFile(), "trust-levels = 1.2.752.29.4.13.3.1=7\n");

        Settings settings = store().load();

        assertThat(settings.get(SettingKey.TRUST_LEVELS).value()).isEmpty();
        assertThat(settings.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("trust-levels");
            assertThat(problem.message()).contains("outside 1-4");
        });
        assertThatThrownBy(() -> TrustLevelPolicy.parse("1.2.x=3")).hasMessageContaining("not a policy OID");
        assertThatThrownBy(() -> TrustLevelPolicy.parse("1.2.752")).hasMessageContaining("<policy OID>=<level>");
    }

    @Test
    void whenServiceUrlIsSet_thenItReplacesTheEnvironmentsUrlButKeepsItsPins() throws IOException {
        write(userFile(), """
                environment.production.url = https://idp.example.se/oob
                environment.production.pins = %s
                service.url = http://127.0.0.1:8443/oob
                """.formatted(PIN));

        ServiceEndpoint endpoint = store().load().serviceEndpoint().orElseThrow();

        assertThat(endpoint.url()).isEqualTo(URI.create("http://127.0.0.1:8443/oob"));
        assertThat(endpoint.pins()).containsExactly(SpkiPin.parse(PIN));
    }

    @Test
    void whenThePolicySetsAKey_thenItOverridesTheUserAndIsLocked() throws IOException {
        write(userFile(), "environment=qa\nlog.level=trace\n");
        write(policyFile(), "environment=test\n");

        Settings settings = store().load();

        assertThat(settings.get(SettingKey.ENVIRONMENT).value()).isEqualTo(Environment.TEST);
        assertThat(settings.get(SettingKey.ENVIRONMENT).locked()).isTrue();
        assertThat(settings.get(SettingKey.LOG_LEVEL).value()).isEqualTo(LogLevel.TRACE);
        assertThat(settings.get(SettingKey.LOG_LEVEL).locked()).isFalse();
    }

    @Test
    void whenAUserValueIsBad_thenTheDefaultAppliesAndTheProblemNamesKeyAndFile() throws IOException {
        write(userFile(), "pin-cache.minutes=forever\nenvironment=staging\n");

        Settings settings = store().load();

        assertThat(settings.get(SettingKey.PIN_CACHE_MINUTES))
                .isEqualTo(new Setting<>(SettingKey.PIN_CACHE_MINUTES, 0, SettingSource.DEFAULT));
        assertThat(settings.problems()).extracting(SettingsProblem::key)
                .containsExactlyInAnyOrder("pin-cache.minutes", "environment");
        assertThat(settings.problems()).allSatisfy(problem -> assertThat(problem.file()).isEqualTo(userFile()));
        assertThat(settings.problems().toString()).contains("'forever' is not a whole number")
                .contains("'staging' is not one of production, test, qa");
    }

    @Test
    void whenAPolicyValueIsBad_thenTheSettingStaysLockedAtTheDefault() throws IOException {
        write(userFile(), "pin-cache.minutes=30\n");
        write(policyFile(), "pin-cache.minutes=9999\n");

        Settings settings = store().load();

        assertThat(settings.get(SettingKey.PIN_CACHE_MINUTES))
                .isEqualTo(new Setting<>(SettingKey.PIN_CACHE_MINUTES, 0, SettingSource.POLICY));
        assertThat(settings.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(policyFile());
            assertThat(problem.message()).contains("9999 is outside 0-480");
        });
    }

    @Test
    void whenValuesBreakTheRules_thenEachIsRejectedWithAClearReason() throws IOException {
        write(userFile(), """
                service.url = http://idp.example.se/oob
                service.allowed-origins = https://idp.example.se/login
                pkcs11.module = opensc-pkcs11.so
                environment.qa.pins = sha256/tooShort
                start-at-login = maybe
                """);

        Settings settings = store().load();

        assertThat(settings.problems()).extracting(SettingsProblem::message).containsExactlyInAnyOrder(
                "'http://idp.example.se/oob' is not an https URL (http only to localhost); using the default",
                "the origin 'https://idp.example.se/login' must be scheme://host[:port], no path; using the default",
                "the PKCS#11 module 'opensc-pkcs11.so' must be an absolute path; using the default",
                "the pin 'sha256/tooShort' holds 6 bytes, a SHA-256 has 32; using the default",
                "'maybe' is not true or false; using the default");
    }

    @Test
    void whenAWindowsPathHasSingleBackslashes_thenTheProblemSaysHowToWriteIt() throws IOException {
        write(policyFile(), "pkcs11.module=C:\\Program Files\\OpenSC\\opensc-pkcs11.dll\n");

        assertThat(store().load().problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                .contains("'C:Program FilesOpenSCopensc-pkcs11.dll' must be an absolute path")
                .contains("write \\\\ or / for each \\ in a Windows path"));
    }

    @Test
    void whenAFileHasAnUnknownKey_thenItIsReportedAndIgnored() throws IOException {
        write(policyFile(), "enviroment=test\n");

        Settings settings = store().load();

        assertThat(settings.get(SettingKey.ENVIRONMENT).source()).isEqualTo(SettingSource.DEFAULT);
        assertThat(settings.problems()).singleElement()
                .isEqualTo(new SettingsProblem(policyFile(), "enviroment", "unknown setting, ignored"));
    }

    @Test
    void whenAFileIsMalformed_thenItCountsAsEmptyWithAProblem() throws IOException {
        write(userFile(), "language=\\uZZZZ\n");

        Settings settings = store().load();

        assertThat(settings.get(SettingKey.LANGUAGE).source()).isEqualTo(SettingSource.DEFAULT);
        assertThat(settings.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("malformed properties file"));
    }

    @Test
    void whenAFileIsNotUtf8_thenItCountsAsEmptyWithAProblem() throws IOException {
        Files.createDirectories(policyFile().getParent());
        Files.write(policyFile(), "pkcs11.module=/opt/V\u00e5rd/p11.so\n".getBytes(StandardCharsets.ISO_8859_1));

        Settings settings = store().load();

        assertThat(settings.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("not UTF-8"));
    }

    @Test
    void whenThePolicyStartsWithAByteOrderMark_thenTheFirstKeyIsStillRead() throws IOException {
        write(policyFile(), "\uFEFFenvironment=qa\r\n");

        assertThat(store().load().get(SettingKey.ENVIRONMENT).value()).isEqualTo(Environment.QA);
    }

    @Test
    void whenTunnelsAreDefined_thenTheyAreReadSortedByName() throws IOException {
        write(userFile(), """
                tunnel.journal.local-port = 8081
                tunnel.journal.upstream = https://journal.example.se
                tunnel.journal.mode = tls
                tunnel.cosmic.local-port = 8080
                tunnel.cosmic.upstream = https://cosmic.example.se:8443/
                """);

        assertThat(store().load().get(SettingKey.TUNNELS).value()).containsExactly(
                new Tunnel("cosmic", 8080, URI.create("https://cosmic.example.se:8443/"), TunnelMode.HTTP),
                new Tunnel("journal", 8081, URI.create("https://journal.example.se"), TunnelMode.TLS));
    }

    @Test
    void whenATunnelNamesTrustFilesAndNoAutostart_thenBothAreRead() throws IOException {
        write(userFile(), """
                tunnel.journal.local-port = 8081
                tunnel.journal.upstream = https://journal.example.se
                tunnel.journal.trust = /etc/legitimera/journal-ca.pem, /opt/ca/Region CA.pem
                tunnel.journal.autostart = false
                """);

        assertThat(store().load().get(SettingKey.TUNNELS).value()).singleElement().satisfies(tunnel -> {
            assertThat(tunnel.trust()).containsExactly(Path.of("/etc/legitimera/journal-ca.pem"),
                    Path.of("/opt/ca/Region CA.pem"));
            assertThat(tunnel.autostart()).isFalse();
        });
    }

    @Test
    void whenATunnelSaysNothingOfTrustOrAutostart_thenItTrustsTheSystemAloneAndStartsWithTheApp() throws IOException {
        write(userFile(), "tunnel.a.local-port=8080\ntunnel.a.upstream=https://a.example.se\n");

        assertThat(store().load().get(SettingKey.TUNNELS).value()).singleElement().satisfies(tunnel -> {
            assertThat(tunnel.trust()).isEmpty();
            assertThat(tunnel.autostart()).isTrue();
        });
    }

    @Test
    void whenATrustFileIsRelativeOrAutostartIsNotABoolean_thenTheTunnelsAreRejected() throws IOException {
        write(userFile(), "tunnel.a.local-port=8080\ntunnel.a.upstream=https://a.example.se\ntunnel.a.trust=ca.pem\n");
        assertThat(store().load().problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("the trust file of tunnel 'a' 'ca.pem' must be an absolute path"));

        write(userFile(), "tunnel.a.local-port=8080\ntunnel.a.upstream=https://a.example.se\ntunnel.a.autostart=maybe\n");
        assertThat(store().load().problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("'maybe' is not true or false"));
    }

    @Test
    void whenATunnelWithTrustAndNoAutostartIsSaved_thenItIsReadBackTheSame() throws Exception {
        Tunnel tunnel = new Tunnel("journal", 8081, URI.create("https://journal.example.se"), TunnelMode.HTTP,
                List.of(Path.of("/etc/ca one.pem"), Path.of("/etc/ca2.pem")), false);
        SettingsStore store = store();

        store.save(SettingKey.TUNNELS, List.of(tunnel));

        assertThat(store.load().get(SettingKey.TUNNELS).value()).containsExactly(tunnel);
    }

    @Test
    void whenTwoTunnelsShareAPortOrOneLacksItsUpstream_thenTheTunnelsAreRejected() throws IOException {
        write(userFile(), """
                tunnel.a.local-port = 8080
                tunnel.a.upstream = https://a.example.se
                tunnel.b.local-port = 8080
                tunnel.b.upstream = https://b.example.se
                """);
        assertThat(store().load().problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("tunnels 'a' and 'b' both use local port 8080"));

        write(userFile(), "tunnel.a.local-port = 8080\n");
        assertThat(store().load().problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("tunnel 'a' needs tunnel.a.upstream"));
    }

    @Test
    void whenThePolicyDefinesATunnel_thenTheUsersTunnelsAreReplacedAndLocked() throws IOException {
        write(userFile(), "tunnel.mine.local-port=9000\ntunnel.mine.upstream=https://mine.example.se\n");
        write(policyFile(), "tunnel.ward.local-port=9001\ntunnel.ward.upstream=https://ward.example.se\n");

        Setting<List<Tunnel>> tunnels = store().load().get(SettingKey.TUNNELS);

        assertThat(tunnels.locked()).isTrue();
        assertThat(tunnels.value()).extracting(Tunnel::name).containsExactly("ward");
    }

    @Test
    void whenTheUserSavesAValue_thenItIsReadBackAndOtherKeysAreKept() throws Exception {
        write(userFile(), "log.level=warn\n");
        SettingsStore store = store();

        store.save(SettingKey.PIN_CACHE_MINUTES, 10);
        store.save(SettingKey.PKCS11_MODULE, Optional.of(Path.of("/opt/vendor/lib/p11.so")));
        store.save(SettingKey.TUNNELS, List.of(
                new Tunnel("cosmic", 8080, URI.create("https://cosmic.example.se"), TunnelMode.TLS)));

        Settings settings = store.load();
        assertThat(settings.problems()).isEmpty();
        assertThat(settings.get(SettingKey.PIN_CACHE_MINUTES).value()).isEqualTo(10);
        assertThat(settings.get(SettingKey.PKCS11_MODULE).value()).contains(Path.of("/opt/vendor/lib/p11.so"));
        assertThat(settings.get(SettingKey.LOG_LEVEL).value()).isEqualTo(LogLevel.WARN);
        assertThat(settings.get(SettingKey.TUNNELS).value()).singleElement()
                .extracting(Tunnel::mode).isEqualTo(TunnelMode.TLS);
    }

    @Test
    void whenTheUserResetsAValue_thenTheDefaultAppliesAgain() throws Exception {
        write(userFile(), "tunnel.a.local-port=8080\ntunnel.a.upstream=https://a.example.se\nlanguage=sv\n");
        SettingsStore store = store();

        store.reset(SettingKey.TUNNELS);

        Settings settings = store.load();
        assertThat(settings.get(SettingKey.TUNNELS).source()).isEqualTo(SettingSource.DEFAULT);
        assertThat(settings.get(SettingKey.LANGUAGE).value()).isEqualTo(Language.SV);
        assertThat(Files.readString(userFile())).doesNotContain("tunnel.");
    }

    @Test
    void whenTheUserChangesALockedSetting_thenItIsRefusedAndTheFileIsUntouched() throws IOException {
        write(policyFile(), "pin-cache.minutes=0\n");
        SettingsStore store = store();

        assertThatThrownBy(() -> store.save(SettingKey.PIN_CACHE_MINUTES, 60))
                .isInstanceOf(SettingLockedException.class)
                .hasMessage("the setting pin-cache.minutes is locked by the machine policy");
        assertThat(userFile()).doesNotExist();
    }

    @Test
    void whenNoUserFileIsGiven_thenTheBuilderSaysSo() {
        assertThatThrownBy(() -> SettingsStore.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("withUserFile");
    }
}
