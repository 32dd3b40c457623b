package se.legitimera.devkit.opensc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import se.legitimera.devkit.card.CardSecrets;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * The real Linux path: OpenSC 0.23's tools -> pcscd -> vpcd -> our virtual card. PINs reach pkcs11-tool
 * through the environment ({@code --pin env:NAME}), never through argv.
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenScVirtualCardIT {

    private static final Path OPENSC_PKCS11 = Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");
    private static final String PIN = "246810";
    private static final String NEW_PIN = "97531864";

    @TempDir
    static Path folder;
    private static PcscdFixture pcscd;
    private static VirtualSithsCard card;

    @BeforeAll
    static void insertCard() throws Exception {
        StackRequirement.require(Files.isExecutable(Path.of("/usr/bin/pkcs11-tool")) && Files.exists(OPENSC_PKCS11),
                "OpenSC (Debian packages opensc, opensc-pkcs11)");
        pcscd = PcscdFixture.acquire();
        TestPki pki = TestPki.openOrCreate(folder.resolve("pki"), Clock.systemUTC());
        card = VirtualSithsCard.builder().withPki(pki).withStateFolder(folder.resolve("card"))
                .withInitialSecrets(PIN.toCharArray(), "135791".toCharArray(), "86420975".toCharArray()).openOrCreate();
        pcscd.insert(card, 0);
    }

    @AfterAll
    static void removeCard() {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @Test
    @Order(1)
    void whenOpenScToolNamesTheCard_thenItIsAGemaltoIdPrime() throws Exception {
        String readers = run(Map.of(), "opensc-tool", "--list-readers");
        int index = readerIndex(readers, PcscdFixture.readerName(0));
        assertThat(run(Map.of(), "opensc-tool", "--reader", Integer.toString(index), "--name")).contains("Gemalto IDPrime");
    }

    @Test
    @Order(2)
    void whenSlotsAreListed_thenTheTokenHasTheSithsLabel() throws Exception {
        String slots = run(Map.of(), "pkcs11-tool", "--module", OPENSC_PKCS11.toString(), "--list-slots");
        assertThat(slots).contains("SITHS e-id kort (Legitimering)").contains(PcscdFixture.readerName(0));
    }

    @Test
    @Order(3)
    void whenObjectsAreListedAfterLogin_thenBothCertificatesAndPrivateKeysAreThere() throws Exception {
        String objects = pkcs11(Map.of("LEGITIMERA_PIN", PIN), "--login", "--pin", "env:LEGITIMERA_PIN", "--list-objects");
        assertThat(count(objects, "Certificate Object")).isEqualTo(2);
        assertThat(count(objects, "Private Key Object")).isEqualTo(2);
        assertThat(objects).contains("serialNumber=TSTNMT2321000156-1024").contains("non-repudiation");
    }

    @Test
    @Order(4)
    void whenSignedWithTheAuthenticationKey_thenTheSignatureVerifiesWithTheAuthenticationCertificate() throws Exception {
        Path data = Files.writeString(folder.resolve("data.txt"), "Jag legitimerar mig", StandardCharsets.UTF_8);
        Path signature = folder.resolve("signature.bin");
        long verifiesBefore = card.commandCount(0x20);
        pkcs11(Map.of("LEGITIMERA_PIN", PIN), "--login", "--pin", "env:LEGITIMERA_PIN", "--sign",
                "--mechanism", "SHA256-RSA-PKCS", "--id", "0001", "--input-file", data.toString(),
                "--output-file", signature.toString());
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(card.authenticationCertificate());
        verifier.update(Files.readAllBytes(data));
        assertThat(verifier.verify(Files.readAllBytes(signature))).isTrue();
        assertThat(card.commandCount(0x20)).isGreaterThan(verifiesBefore);
    }

    @Test
    @Order(5)
    void whenPinIsChangedThroughPkcs11_thenTheCardHoldsTheNewPin() throws Exception {
        pkcs11(Map.of("LEGITIMERA_PIN", PIN, "LEGITIMERA_NEW_PIN", NEW_PIN), "--login", "--pin", "env:LEGITIMERA_PIN",
                "--change-pin", "--new-pin", "env:LEGITIMERA_NEW_PIN");
        try (CardSecrets secrets = card.secrets()) {
            assertThat(secrets.identificationPin()).containsExactly(NEW_PIN.toCharArray());
        }
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @Test
    @Order(6)
    void whenOwnPcscdIsRestarted_thenTheReinsertedCardIsFoundAgain() throws Exception {
        Assumptions.assumeTrue(pcscd.startedHere(), "a shared pcscd is never restarted");
        pcscd.restart();
        pcscd.insert(card, 0);
        assertThat(run(Map.of(), "pkcs11-tool", "--module", OPENSC_PKCS11.toString(), "--list-slots"))
                .contains("SITHS e-id kort (Legitimering)");
    }

    private static String pkcs11(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", OPENSC_PKCS11.toString(),
                "--slot-description", PcscdFixture.readerName(0)));
        command.addAll(List.of(arguments));
        return run(environment, command.toArray(String[]::new));
    }

    /** Runs a tool, at most 30 s, and returns stdout + stderr; fails the test on a non-zero exit. */
    private static String run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(folder, "tool", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 30 s");
        }
        String text = Files.readString(output);
        assertThat(process.exitValue()).as("%s%n%s", String.join(" ", command), text).isZero();
        return text;
    }

    private static int readerIndex(String listing, String readerName) {
        for (String line : listing.lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.endsWith(readerName) && !trimmed.isEmpty() && Character.isDigit(trimmed.charAt(0))) {
                return Integer.parseInt(trimmed.split("\\s+")[0]);
            }
        }
        throw new AssertionError("reader " + readerName + " not listed:\n" + listing);
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
