package se.legitimera.devkit.idprime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import se.legitimera.devkit.card.PublishedAtr;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.vpcd.VpcdCardConnection;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.SignatureResult;
import se.legitimera.smartcard.pcsc.TerminalSource;
import se.legitimera.smartcard.pkcs11.SignatureScheme;

/**
 * The APDU path over the real stack: CardMonitor -> jnasmartcardio -> pcscd -> vpcd -> virtual card, with the
 * card presenting a 940 (T=0), an 840 and a 3940C (T=1) ATR. Each key signs under the PIN the card binds it
 * to, as OpenSC 0.26 reads the binding.
 */
@Timeout(120)
class CardKeysPcscdIT {

    private static final Duration SCAN = Duration.ofSeconds(10);
    private static final String PIN = "246810";
    private static final String SIGNATURE_PIN = "135791";
    private static final String PUK = "86420975";
    private static final byte[] DATA = "Jag legitimerar mig".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path folder;
    private static PcscdFixture pcscd;
    private static TestPki pki;

    @BeforeAll
    static void acquireStack() {
        pcscd = PcscdFixture.acquire();
        pki = TestPki.openOrCreate(folder.resolve("pki"), Clock.systemUTC());
    }

    @AfterAll
    static void releaseStack() {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    private static VirtualSithsCard card(String name, PublishedAtr atr) {
        return VirtualSithsCard.builder().withPki(pki).withStateFolder(folder.resolve(name)).withAtr(atr)
                .withInitialSecrets(PIN.toCharArray(), SIGNATURE_PIN.toCharArray(), PUK.toCharArray()).openOrCreate();
    }

    private static CardStatus status(CardMonitor monitor, int reader) throws InterruptedException {
        ReaderStatus status = monitor.awaitFirstScan(SCAN).readers().stream()
                .filter(r -> r.name().equals(PcscdFixture.readerName(reader))).findFirst().orElseThrow();
        return status.card().orElseThrow(() -> new AssertionError("no card read in " + status));
    }

    @Test
    void whenA940IsInTheReader_thenBothKeysSignEachUnderItsOwnPin() throws Exception {
        VirtualSithsCard card = card("940", PublishedAtr.IDPRIME_940);
        try (VpcdCardConnection inserted = pcscd.insert(card, 0);
             CardMonitor monitor = CardMonitor.builder().withTerminalSource(TerminalSource.pcsc()).build()) {
            monitor.start(event -> { });
            assertThat(status(monitor, 0).profile().id()).isEqualTo("siths-940");
            String reader = PcscdFixture.readerName(0);

            assertThat(monitor.keys(reader).certificates())
                    .extracting(CardCertificate::name, CardCertificate::keyReference, CardCertificate::pin)
                    .containsExactly(tuple("kxc00", 0x56, PinKind.IDENTIFICATION),
                            tuple("ksc01", 0x57, PinKind.SIGNATURE));
            CardCertificate identification = monitor.keys(reader).certificates().get(0);
            CardCertificate signature = monitor.keys(reader).certificates().get(1);

            SignatureResult byIdentification = monitor.keys(reader).sign(identification,
                    SignatureScheme.RSA_PKCS1_SHA256, DATA, PIN.toCharArray());
            SignatureResult bySignature = monitor.keys(reader).sign(signature, SignatureScheme.RSA_PSS_SHA256, DATA,
                    SIGNATURE_PIN.toCharArray());

            assertThat(byIdentification.ok()).as("%s", byIdentification).isTrue();
            assertThat(verifies(card.authenticationCertificate(), "SHA256withRSA", byIdentification)).isTrue();
            assertThat(bySignature.ok()).as("%s", bySignature).isTrue();
            assertThat(verifiesPss(card.signatureCertificate(), bySignature)).isTrue();
            assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
            assertThat(card.triesLeft(VirtualSithsCard.SIGNATURE_PIN)).isEqualTo(3);
        }
    }

    @Test
    void whenAn840IsInTheReader_thenItGetsThe840ProfileAndItsKeysF7AndF8UnderTheIdentificationPin()
            throws Exception {
        VirtualSithsCard card = card("840", PublishedAtr.IDPRIME_MD_840);
        try (VpcdCardConnection inserted = pcscd.insert(card, 1);
             CardMonitor monitor = CardMonitor.builder().withTerminalSource(TerminalSource.pcsc()).build()) {
            monitor.start(event -> { });
            CardStatus status = status(monitor, 1);
            assertThat(status.profile().id()).isEqualTo("siths-840");
            assertThat(status.atr().bytes()).isEqualTo(PublishedAtr.IDPRIME_MD_840.bytes());
            String reader = PcscdFixture.readerName(1);

            assertThat(monitor.keys(reader).certificates())
                    .extracting(CardCertificate::keyReference, CardCertificate::pin)
                    .containsExactly(tuple(0xF7, PinKind.IDENTIFICATION), tuple(0xF8, PinKind.IDENTIFICATION));
            SignatureResult result = monitor.keys(reader).sign(monitor.keys(reader).certificates().get(1),
                    SignatureScheme.RSA_PKCS1_SHA256, DATA, PIN.toCharArray());
            assertThat(result.ok()).as("%s", result).isTrue();
            assertThat(verifies(card.signatureCertificate(), "SHA256withRSA", result)).isTrue();
        }
    }

    @Test
    void whenAT1CardIsInTheReader_thenItGetsThe940ProfileAndSigns() throws Exception {
        VirtualSithsCard card = card("3940c", PublishedAtr.IDPRIME_3940C);
        try (VpcdCardConnection inserted = pcscd.insert(card, 1);
             CardMonitor monitor = CardMonitor.builder().withTerminalSource(TerminalSource.pcsc()).build()) {
            monitor.start(event -> { });
            CardStatus status = status(monitor, 1);
            assertThat(status.profile().id()).isEqualTo("siths-940");
            assertThat(status.atr().bytes()).isEqualTo(PublishedAtr.IDPRIME_3940C.bytes());
            String reader = PcscdFixture.readerName(1);

            CardCertificate identification = monitor.keys(reader).certificates().get(0);
            SignatureResult result = monitor.keys(reader).sign(identification, SignatureScheme.RSA_PKCS1_SHA384, DATA,
                    PIN.toCharArray());
            assertThat(result.ok()).as("%s", result).isTrue();
            assertThat(verifies(card.authenticationCertificate(), "SHA384withRSA", result)).isTrue();
        }
    }

    private static boolean verifies(X509Certificate certificate, String algorithm, SignatureResult result)
            throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(DATA);
        return verifier.verify(result.signature());
    }

    private static boolean verifiesPss(X509Certificate certificate, SignatureResult result) throws Exception {
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(DATA);
        return verifier.verify(result.signature());
    }
}
