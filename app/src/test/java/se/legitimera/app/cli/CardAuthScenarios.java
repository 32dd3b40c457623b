package se.legitimera.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import se.legitimera.app.e2e.RelyingParty;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.PemFiles;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TlsCredential;
import se.legitimera.devkit.service.AuthenticationService;
import se.legitimera.oob.OobClient;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.pcsc.TerminalSource;

/**
 * {@code legitimera auth} with the default card path (card monitor, APDU signing by the virtual SITHS card)
 * against the reference service; subclasses put the card in a reader.
 */
@Timeout(60)
abstract class CardAuthScenarios {

    static final String PIN = "246810";

    @TempDir
    static Path folder;
    static TestPki pki;
    static AuthenticationService service;
    static Path trustPem;
    static RelyingParty rp;

    VirtualSithsCard card;
    private final AtomicReference<CardMonitor> monitor = new AtomicReference<>();

    /** Where the monitor finds the readers. */
    abstract TerminalSource source();

    /** The reader the card goes into. */
    abstract String readerName();

    /** Puts {@link #card} into {@link #readerName()}. */
    abstract void insert() throws Exception;

    /** Takes the card out. */
    abstract void remove() throws Exception;

    @BeforeAll
    static void startService() throws Exception {
        pki = TestPki.builder().withFolder(folder.resolve("pki")).openOrCreate();
        TlsCredential tls = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
        service = AuthenticationService.builder().withTlsIdentity(tls.key(), tls.chain())
                .withTrustAnchor(pki.rootCertificate()).withTrustLevel(TestPki.TEST_LOA3_POLICY_OID, 3).build().start();
        // The service's root plus the card's issuing CA: the command completes the card's chain from it.
        trustPem = folder.resolve("trust.pem");
        Path issuing = folder.resolve("issuing.pem");
        PemFiles.writeCertificate(trustPem, pki.rootCertificate());
        PemFiles.writeCertificate(issuing, pki.issuingCertificate());
        Files.writeString(trustPem, Files.readString(trustPem) + Files.readString(issuing));
        rp = new RelyingParty(java.net.URI.create(service.origin().toString()), pki.rootCertificate());
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void insertCard() throws Exception {
        card = VirtualSithsCard.builder().withPki(pki)
                .withInitialSecrets(PIN.toCharArray(), "135791".toCharArray(), "86420975".toCharArray()).createFresh();
        insert();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(InputStream stdin, String... args) {
        AuthCommand command = new AuthCommand(new AuthEnvironment(new AuthEnvironment.CardAccess.Readers(() -> {
            CardMonitor created = CardMonitor.builder().withTerminalSource(source()).build();
            monitor.set(created);
            return created;
        }), () -> OobClient.builder().withoutProxy(), stdin));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run auth(InputStream stdin, Map<String, Object> order) {
        return run(stdin, (String) order.get("autoStartUrl"), "--stdin", "--trust", trustPem.toString(),
                "--allow", service.origin().toString(), "--reader", readerName());
    }

    private static InputStream lines(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    static Map<String, Object> rpCall(String path, Map<String, Object> body) throws Exception {
        return rp.post(path, body);
    }

    private static Map<String, Object> startOrder() throws Exception {
        return rpCall("/rp/v1/auth", Map.of("rpName", "Journalen", "message", "Logga in i journalen"));
    }

    private static Map<String, Object> collect(Map<String, Object> order) throws Exception {
        return rpCall("/rp/v1/collect", Map.of("orderRef", order.get("orderRef")));
    }

    @Test
    void whenPinIsRight_thenTheCardSignsAndTheRpCollectsTheHoldersHsaIdAndAVerifiableProof() throws Exception {
        Map<String, Object> order = startOrder();

        Run run = auth(lines(PIN + "\n"), order);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Jag legitimerar mig hos Journalen").contains("Klart");
        Map<String, Object> collected = collect(order);
        assertThat(collected).containsEntry("status", "complete");
        @SuppressWarnings("unchecked")
        Map<String, Object> completion = (Map<String, Object>) collected.get("completionData");
        assertThat(completion).containsEntry("hsaId", card.holder().hsaId());
        JWSObject proof = JWSObject.parse((String) completion.get("signature"));
        assertThat(proof.verify(new RSASSAVerifier((RSAPublicKey) card.authenticationCertificate().getPublicKey())))
                .isTrue();
        // Leaf and issuing CA: the verifier has its own roots and never takes one from the proof.
        assertThat(proof.getHeader().getX509CertChain()).hasSize(2);
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @Test
    void whenPinIsWrong_thenExitThreeWithTriesLeftAndTheOrderStaysPending() throws Exception {
        Map<String, Object> order = startOrder();

        Run run = auth(lines("000000\n"), order);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.WRONG_PIN);
        assertThat(run.err()).contains("Fel pinkod, 2 försök kvar.");
        assertThat(collect(order)).containsEntry("status", "pending").containsEntry("hintCode", "userSign");
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(2);
    }

    @Test
    void whenCardIsRemovedBeforeSigning_thenExitFiveNoPinTryIsSpentAndTheOrderFailsWithNoCard() throws Exception {
        Map<String, Object> order = startOrder();
        InputStream removingStdin = new InputStream() {
            private final InputStream pin = lines(PIN + "\n");
            private boolean removed;

            @Override
            public int read() throws IOException {
                if (!removed) {
                    removed = true;
                    try {
                        remove();
                        awaitNoCard();
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                }
                return pin.read();
            }
        };

        Run run = auth(removingStdin, order);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NO_CARD);
        assertThat(run.err()).doesNotContain("Fel pinkod");
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
        assertThat(collect(order)).containsEntry("status", "failed").containsEntry("hintCode", "noCard");
    }

    @Test
    void whenTheReaderNamedHasNoCard_thenExitFive() throws Exception {
        remove();
        try (CardMonitor watcher = CardMonitor.builder().withTerminalSource(source()).build()) {
            watcher.start(event -> { });
            monitor.set(watcher);
            awaitNoCard();
        }
        Map<String, Object> order = startOrder();

        Run run = auth(lines(PIN + "\n"), order);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NO_CARD);
    }

    private void awaitNoCard() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            // the reader must be listed: before its first scan a monitor lists no readers at all
            boolean empty = monitor.get().snapshot().readers().stream()
                    .filter(r -> r.name().equals(readerName())).anyMatch(r -> !r.cardPresent());
            if (empty) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the monitor never saw the card go");
    }
}
