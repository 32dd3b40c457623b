package se.legitimera.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import se.legitimera.app.e2e.RelyingParty;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.PemFiles;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TlsCredential;
import se.legitimera.devkit.service.AuthenticationService;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.ProofAlgorithm;
import se.legitimera.oob.ProofSigner;
import se.legitimera.oob.ProofSigningException;

/**
 * {@code legitimera auth} end to end against the devkit's reference service, with a software card whose
 * identification certificate comes from the devkit's test PKI.
 */
class AuthCommandIT {

    @TempDir
    static Path folder;
    static TestPki pki;
    static AuthenticationService service;
    static Path trustPem;
    static RelyingParty rp;
    static KeyPair cardKeys;
    static List<X509Certificate> cardChain;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.builder().withFolder(folder.resolve("pki")).openOrCreate();
        TlsCredential tls = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
        service = AuthenticationService.builder().withTlsIdentity(tls.key(), tls.chain())
                .withTrustAnchor(pki.rootCertificate()).withTrustLevel(TestPki.TEST_LOA3_POLICY_OID, 3).build().start();
        trustPem = folder.resolve("service-trust.pem");
        PemFiles.writeCertificate(trustPem, pki.rootCertificate());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        cardKeys = generator.generateKeyPair();
        X509Certificate auth = pki.issuePerson(new Holder("Tolvan", "Tolvansson", "TSTNMT2321000156-1024", "t@test.siths.se"),
                cardKeys.getPublic(), generator.generateKeyPair().getPublic()).authentication();
        cardChain = pki.chainFor(auth).subList(0, 2);
        rp = new RelyingParty(java.net.URI.create(service.origin().toString()), pki.rootCertificate());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Map<String, Object> rpCall(String path, Map<String, Object> body) throws Exception {
        return rp.post(path, body);
    }

    /** A software card with PIN 123456 that counts its signatures. */
    static final class SoftwareCard implements ProofSignerFactory {
        final AtomicInteger signatures = new AtomicInteger();

        @Override
        public ProofSigner open(char[] pin) {
            boolean right = Arrays.equals(pin, "123456".toCharArray());
            return new ProofSigner() {
                @Override
                public List<X509Certificate> certificateChain() {
                    return cardChain;
                }

                @Override
                public byte[] sign(ProofAlgorithm algorithm, byte[] signingInput) throws ProofSigningException {
                    if (!right) {
                        throw new ProofSigningException(ProofSigningException.Reason.WRONG_PIN, 2, "wrong PIN", null);
                    }
                    try {
                        Signature signature = Signature.getInstance(algorithm.jcaName());
                        signature.initSign((PrivateKey) cardKeys.getPrivate());
                        signature.update(signingInput);
                        signatures.incrementAndGet();
                        return signature.sign();
                    } catch (java.security.GeneralSecurityException e) {
                        throw new ProofSigningException(ProofSigningException.Reason.CARD_ERROR, -1, e.getMessage(), e);
                    }
                }
            };
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(SoftwareCard card, String stdin, String... args) {
        AuthCommand command = new AuthCommand(new AuthEnvironment(card, () -> OobClient.builder().withoutProxy(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII))));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Map<String, Object> startOrder() throws Exception {
        return rpCall("/rp/v1/auth", Map.of("rpName", "Journalen", "message", "Logga in i journalen"));
    }

    @Test
    void whenPinIsRight_thenTheDialogTextIsShownAndTheOrderCompletes() throws Exception {
        Map<String, Object> order = startOrder();
        SoftwareCard card = new SoftwareCard();
        Run run = run(card, "123456\n", (String) order.get("autoStartUrl"), "--stdin", "--trust", trustPem.toString(),
                "--allow", service.origin().toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("Jag legitimerar mig hos Journalen")
                .contains("Tjänst:      " + service.origin())
                .contains("Meddelande:  Logga in i journalen")
                .contains("Klart");
        assertThat(rpCall("/rp/v1/collect", Map.of("orderRef", order.get("orderRef")))).containsEntry("status", "complete");
        assertThat(card.signatures).hasValue(1);
    }

    @Test
    void whenPinIsWrong_thenNothingIsSignedAndTheOrderStaysPending() throws Exception {
        Map<String, Object> order = startOrder();
        SoftwareCard card = new SoftwareCard();
        Run run = run(card, "000000\n", (String) order.get("autoStartUrl"), "--stdin", "--trust", trustPem.toString(),
                "--allow", service.origin().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.WRONG_PIN);
        assertThat(run.err()).contains("Fel pinkod, 2 försök kvar.");
        assertThat(card.signatures).hasValue(0);
        assertThat(rpCall("/rp/v1/collect", Map.of("orderRef", order.get("orderRef")))).containsEntry("hintCode", "userSign");
    }

    @Test
    void whenNoPinIsGiven_thenTheOrderIsCancelledByTheUser() throws Exception {
        Map<String, Object> order = startOrder();
        Run run = run(new SoftwareCard(), "\n", (String) order.get("autoStartUrl"), "--stdin", "--trust", trustPem.toString(),
                "--allow", service.origin().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANCELLED);
        assertThat(rpCall("/rp/v1/collect", Map.of("orderRef", order.get("orderRef")))).containsEntry("hintCode", "userCancel");
    }

    @Test
    void whenServiceIsNotAllowed_thenNothingIsSent() throws Exception {
        Map<String, Object> order = startOrder();
        Run run = run(new SoftwareCard(), "123456\n", (String) order.get("autoStartUrl"), "--stdin", "--trust", trustPem.toString(),
                "--allow", "https://idp.example");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_REFUSED);
        assertThat(run.err()).contains("Inloggningstjänsten " + service.origin() + " är inte tillåten");
        assertThat(rpCall("/rp/v1/collect", Map.of("orderRef", order.get("orderRef")))).containsEntry("hintCode", "outstandingTransaction");
    }

    @Test
    void whenServiceCertificateIsNotTrusted_thenRefused() throws Exception {
        Map<String, Object> order = startOrder();
        Run run = run(new SoftwareCard(), "123456\n", (String) order.get("autoStartUrl"), "--stdin",
                "--allow", service.origin().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_REFUSED);
        assertThat(run.err()).contains("inte betrott");
    }

    @Test
    void whenLinkIsNotHttps_thenInvalid() {
        Run run = run(new SoftwareCard(), "123456\n", "legitimera://auth?service=http://127.0.0.1:1&token=abcdefghijklmnopqrstu", "--stdin");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
