package se.legitimera.devkit.oob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.pki.Holder;

/** The two documented RP configurations besides open loopback: API key and RP mutual TLS. */
class RpAccessIT {

    @TempDir
    static Path pkiFolder;

    private static final String KEY = "rp-api-key-0123456789abcdef";

    @Test
    void whenApiKeyIsConfigured_thenOnlyCallsWithThatKeyAreServed() throws Exception {
        try (OobStack stack = new OobStack(pkiFolder, b -> b.withApiKey(KEY))) {
            assertThat(stack.rpClient(null).post("/rp/v1/auth", Map.of("rpName", "Journalen")).status()).isEqualTo(401);
            assertThat(stack.rpClient("wrong-key-0123456789abcdef").post("/rp/v1/auth", Map.of("rpName", "Journalen")).status()).isEqualTo(401);
            RpClient.Reply ok = stack.rpClient(KEY).post("/rp/v1/auth", Map.of("rpName", "Journalen"));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(stack.rpClient(null).post("/rp/v1/collect", Map.of("orderRef", ok.body().get("orderRef"))).status()).isEqualTo(401);
            assertThat(stack.rpClient(KEY).collect(ok.body().get("orderRef"))).containsEntry("status", "pending");
        }
    }

    @Test
    void whenRpClientCaIsConfigured_thenOnlyRpsWithItsCertificateAreServed() throws Exception {
        X509Certificate rpCa = se.legitimera.devkit.pki.TestPki.builder().withFolder(pkiFolder).openOrCreate().issuingCertificate();
        KeyPair rpKeys = OobStack.ecKeys();
        try (OobStack stack = new OobStack(pkiFolder, b -> b.withRpClientCa(rpCa))) {
            X509Certificate rpCertificate = stack.pki.issueClientCertificate(
                    new Holder("Journal", "RP", "SE2321000016-RP01", "rp@test.siths.se"), rpKeys.getPublic());
            URI base = URI.create(stack.service.origin().toString());
            RpClient withCertificate = new RpClient(base, stack.pki.rootCertificate(), null, rpKeys.getPrivate(), rpCertificate);
            assertThat(withCertificate.post("/rp/v1/auth", Map.of("rpName", "Journalen")).status()).isEqualTo(200);
            assertThat(stack.rp.post("/rp/v1/auth", Map.of("rpName", "Journalen")).status()).isEqualTo(401);
            // The app API never asks the app for a certificate.
            assertThat(stack.rp.post("/app/v1/order", Map.of("autoStartToken", "nosuchtokennosuchtoken")).status()).isEqualTo(404);
        }
    }

    @Test
    void whenRpClientCertificateIsFromAnotherCa_thenTheHandshakeOrTheCallFails(@TempDir Path otherFolder) throws Exception {
        var other = se.legitimera.devkit.pki.TestPki.builder().withFolder(otherFolder).openOrCreate();
        KeyPair rpKeys = OobStack.ecKeys();
        X509Certificate foreign = other.issueClientCertificate(new Holder("Fake", "RP", "SE0000000000-XX01", "x@example.org"), rpKeys.getPublic());
        try (OobStack stack = new OobStack(pkiFolder, b -> b.withRpClientCa(
                se.legitimera.devkit.pki.TestPki.builder().withFolder(pkiFolder).openOrCreate().issuingCertificate()))) {
            RpClient impostor = new RpClient(URI.create(stack.service.origin().toString()), stack.pki.rootCertificate(), null,
                    rpKeys.getPrivate(), foreign);
            assertThatThrownBy(() -> {
                RpClient.Reply reply = impostor.post("/rp/v1/auth", Map.of("rpName", "Journalen"));
                if (reply.status() != 200) {
                    throw new java.io.IOException("HTTP " + reply.status());
                }
            }).isInstanceOf(java.io.IOException.class);
        }
    }
}
