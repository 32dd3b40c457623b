package se.legitimera.keycloak.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.oob.server.OcspMode;

class LegitimeraConfigTest {

    @TempDir
    static Path folder;
    static String rootPem;
    static String issuingPem;

    @BeforeAll
    static void pki() throws Exception {
        TestPki pki = TestPki.openOrCreate(folder.resolve("pki"), Clock.systemUTC());
        rootPem = pem(pki.rootCertificate());
        issuingPem = pem(pki.issuingCertificate());
    }

    private static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put(LegitimeraConfig.TRUSTED_ROOTS, rootPem);
        return config;
    }

    @Test
    void onlyTrustedRoots_givesTheDocumentedDefaults() {
        LegitimeraConfig config = LegitimeraConfig.parse(minimal());

        assertThat(config.trustedRoots()).hasSize(1);
        assertThat(config.intermediates()).isEmpty();
        assertThat(config.ocspMode()).isEqualTo(OcspMode.FAIL_CLOSED);
        assertThat(config.orderLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.userAttribute()).isEqualTo("hsaId");
        assertThat(config.unknownUser()).isEqualTo(LegitimeraConfig.UnknownUserPolicy.REFUSE);
        assertThat(config.signingAlgorithm()).isEqualTo("RS256");
        assertThat(config.acrByLevel()).containsEntry(3, "http://id.elegnamnden.se/loa/1.0/loa3");
        assertThat(config.appPollInterval()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void noTrustedRoot_isRefused_becauseNoCardCouldEverLogIn() {
        assertThatThrownBy(() -> LegitimeraConfig.parse(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no trusted root");
    }

    @Test
    void severalPemCertificates_andTheTrustLevelTable_areRead() {
        Map<String, String> config = minimal();
        config.put(LegitimeraConfig.INTERMEDIATES, issuingPem + "\n" + issuingPem);
        config.put(LegitimeraConfig.TRUST_LEVELS, "1.2.752.29.4.13.3.1=3\n1.2.752.29.4.13.2.1 = 2");
        config.put(LegitimeraConfig.OCSP_MODE, "failOpen");
        config.put(LegitimeraConfig.UNKNOWN_USER, "create");

        LegitimeraConfig parsed = LegitimeraConfig.parse(config);

        assertThat(parsed.intermediates()).hasSize(2);
        assertThat(parsed.trustLevels()).containsEntry("1.2.752.29.4.13.3.1", 3).containsEntry("1.2.752.29.4.13.2.1", 2);
        assertThat(parsed.ocspMode()).isEqualTo(OcspMode.FAIL_OPEN);
        assertThat(parsed.unknownUser()).isEqualTo(LegitimeraConfig.UnknownUserPolicy.CREATE);
    }

    @Test
    void aWrongSetting_isNamedInTheRefusal() {
        Map<String, String> levels = minimal();
        levels.put(LegitimeraConfig.TRUST_LEVELS, "1.2.3=5");
        Map<String, String> lifetime = minimal();
        lifetime.put(LegitimeraConfig.ORDER_LIFETIME, "5");
        Map<String, String> pem = minimal();
        pem.put(LegitimeraConfig.INTERMEDIATES, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----");
        Map<String, String> policy = minimal();
        policy.put(LegitimeraConfig.UNKNOWN_USER, "maybe");
        Map<String, String> pollInterval = minimal();
        pollInterval.put(LegitimeraConfig.APP_POLL_INTERVAL, "1");

        assertThatThrownBy(() -> LegitimeraConfig.parse(levels)).hasMessageContaining("trust-level table");
        assertThatThrownBy(() -> LegitimeraConfig.parse(lifetime)).hasMessageContaining("order lifetime");
        assertThatThrownBy(() -> LegitimeraConfig.parse(pem)).hasMessageContaining("intermediate CAs");
        assertThatThrownBy(() -> LegitimeraConfig.parse(policy)).hasMessageContaining("unknown-user policy");
        assertThatThrownBy(() -> LegitimeraConfig.parse(pollInterval)).hasMessageContaining("app poll interval");
    }

    @Test
    void acrValues_mapToTheLowestLevelTheyName() {
        Map<String, String> config = minimal();
        config.put(LegitimeraConfig.ACR_VALUES, "2=urn:example:loa:substantial");
        LegitimeraConfig parsed = LegitimeraConfig.parse(config);

        assertThat(parsed.requestedLevel(List.of("http://id.elegnamnden.se/loa/1.0/loa4",
                "http://id.elegnamnden.se/loa/1.0/loa3"))).contains(3);
        assertThat(parsed.requestedLevel(List.of("urn:example:loa:substantial"))).contains(2);
        assertThat(parsed.requestedLevel(List.of("4"))).contains(4);
        assertThat(parsed.requestedLevel(List.of("gold", "urn:unknown"))).isEmpty();
        assertThat(parsed.requestedLevel(List.of())).isEmpty();
    }

    private static String pem(java.security.cert.X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }
}
