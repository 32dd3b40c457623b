package se.legitimera.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.app.e2e.RelyingParty;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.ocsp.CertificateState;
import se.legitimera.devkit.ocsp.OcspResponder;
import se.legitimera.devkit.pki.PemFiles;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TlsCredential;
import se.legitimera.devkit.service.AuthenticationService;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.stack.StackRequirement;
import se.legitimera.devkit.vpcd.VpcdCardConnection;

/**
 * {@code legitimera auth} as a user runs it against the reference service: the real launcher, the virtual card
 * on pcscd, and {@code --trust} naming only the service's trust file (its root). The card holds no CA, so the
 * command completes the chain from the certificate's AIA, served by the PKI's OCSP responder, as the app does.
 */
class AuthCommandServiceIT {

    private static final Path LAUNCHER = Path.of("target/legitimera");
    private static final int READER_INDEX = 1;
    private static final String PIN = "246810";

    @TempDir
    static Path folder;

    private static PcscdFixture pcscd;
    private static TestPki pki;
    private static OcspResponder ocsp;
    private static AuthenticationService service;
    private static Path serviceTrust;
    private static RelyingParty rp;

    private VirtualSithsCard card;
    private VpcdCardConnection inserted;

    @BeforeAll
    static void startService() throws Exception {
        StackRequirement.require(Files.isExecutable(LAUNCHER), "the developer launcher " + LAUNCHER + " (mvn package)");
        pcscd = PcscdFixture.acquire();
        int ocspPort = freePort();
        pki = TestPki.builder().withFolder(folder.resolve("pki"))
                .withRevocationBaseUrl(URI.create("http://127.0.0.1:" + ocspPort)).openOrCreate();
        ocsp = OcspResponder.start(pki.issuingCertificate(), pki.issuingKey(),
                serial -> pki.revocationTime(serial).<CertificateState>map(CertificateState.Revoked::new)
                        .orElseGet(CertificateState.Good::new), Clock.systemUTC(), ocspPort);
        TlsCredential tls = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
        service = AuthenticationService.builder().withTlsIdentity(tls.key(), tls.chain())
                .withTrustAnchor(pki.rootCertificate()).withTrustLevel(TestPki.TEST_LOA3_POLICY_OID, 3)
                .withOcspResponder(ocsp.uri()).build().start();
        // What `service` writes for its clients: the root alone, no issuing CA.
        serviceTrust = folder.resolve("service-trust.pem");
        PemFiles.writeCertificate(serviceTrust, pki.rootCertificate());
        rp = new RelyingParty(java.net.URI.create(service.origin().toString()), pki.rootCertificate());
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
        if (ocsp != null) {
            ocsp.close();
        }
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @BeforeEach
    void insertCard() throws Exception {
        card = VirtualSithsCard.builder().withPki(pki)
                .withInitialSecrets(PIN.toCharArray(), "135791".toCharArray(), "86420975".toCharArray()).createFresh();
        inserted = pcscd.insert(card, READER_INDEX);
    }

    @AfterEach
    void removeCard() {
        if (inserted != null) {
            inserted.close();
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void withOnlyTheServicesTrustFile_theOrderCompletesWithTheHoldersHsaId() throws Exception {
        Map<String, Object> order = rpCall("/rp/v1/auth", Map.of("rpName", "Journalen"));

        Run run = auth(order);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Jag legitimerar mig hos Journalen").contains("Klart");
        Map<String, Object> collected = rpCall("/rp/v1/collect", Map.of("orderRef", order.get("orderRef")));
        assertThat(collected).as(collected.toString()).containsEntry("status", "complete");
        @SuppressWarnings("unchecked")
        Map<String, Object> completion = (Map<String, Object>) collected.get("completionData");
        assertThat(completion).containsEntry("hsaId", card.holder().hsaId());
        JWSObject proof = JWSObject.parse((String) completion.get("signature"));
        assertThat(proof.getHeader().getX509CertChain()).as("leaf and the issuing CA fetched from the AIA")
                .hasSize(2);
    }

    @Test
    void whenTheServiceRefusesTheProof_theUserReadsWhy() throws Exception {
        pki.revoke(card.authenticationCertificate().getSerialNumber());
        Map<String, Object> order = rpCall("/rp/v1/auth", Map.of("rpName", "Journalen"));

        Run run = auth(order);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ORDER_FAILED);
        assertThat(run.err()).containsPattern("Tjänsten godtog inte legitimeringen \\(certificateErr\\): .+\\.")
                .containsIgnoringCase("revoked");
        assertThat(rpCall("/rp/v1/collect", Map.of("orderRef", order.get("orderRef"))))
                .containsEntry("status", "failed").containsEntry("hintCode", "certificateErr");
    }

    private Run auth(Map<String, Object> order) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "auth", (String) order.get("autoStartUrl"),
                "--stdin", "--trust", serviceTrust.toString(), "--allow", service.origin().toString(),
                "--reader", PcscdFixture.readerName(READER_INDEX))
                .redirectOutput(folder.resolve("auth.out").toFile())
                .redirectError(folder.resolve("auth.err").toFile());
        builder.environment().put("LEGITIMERA_JAVA_OPTS", "-Dlegitimera.logdir=" + folder.resolve("logs"));
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((PIN + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("legitimera auth did not end");
        }
        return new Run(process.exitValue(), Files.readString(folder.resolve("auth.out")),
                Files.readString(folder.resolve("auth.err")));
    }

    private static Map<String, Object> rpCall(String path, Map<String, Object> body) throws Exception {
        return rp.post(path, body);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
