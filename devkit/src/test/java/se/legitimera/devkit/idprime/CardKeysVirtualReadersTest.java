package se.legitimera.devkit.idprime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.legitimera.devkit.card.ApduListener;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pcsc.EventLog;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.smartcardio.VirtualReader;
import se.legitimera.devkit.smartcardio.VirtualReaders;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardEvent.CardInserted;
import se.legitimera.smartcard.api.CardEvent.CardRemoved;
import se.legitimera.smartcard.api.CardEvent.PinTriesChanged;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.SignatureResult;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.pcsc.TerminalSource;
import se.legitimera.smartcard.pkcs11.KeyAlgorithm;
import se.legitimera.smartcard.pkcs11.SignatureScheme;

/** Certificates and signatures by APDU through the card monitor, on the devkit's in-JVM reader and virtual card. */
@Timeout(60)
class CardKeysVirtualReadersTest {

    private static final String READER = "Virtual Reader 00";
    private static final String PIN = "246810";
    private static final String SIGNATURE_PIN = "135791";
    private static final String PUK = "86420975";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] DATA = "login challenge from the service".getBytes(StandardCharsets.UTF_8);
    private static final int INS_MSE = 0x22;
    private static final int INS_PSO = 0x2A;

    @TempDir
    static Path pkiFolder;
    static TestPki pki;

    private final VirtualReaders readers = VirtualReaders.named(READER);
    private final EventLog events = new EventLog();
    /** VERIFY commands with a PIN in them: each may cost a try. */
    private final AtomicInteger verifiesWithPin = new AtomicInteger();
    private VirtualSithsCard card;
    private CardMonitor monitor;

    @BeforeAll
    static void createPki() {
        pki = TestPki.openOrCreate(pkiFolder, Clock.systemUTC());
    }

    @BeforeEach
    void insertCard() throws Exception {
        card = VirtualSithsCard.builder().withPki(pki).withInitialSecrets(PIN.toCharArray(),
                SIGNATURE_PIN.toCharArray(), PUK.toCharArray()).openOrCreate();
        card.addListener(apdu -> {
            if (apdu.ins() == 0x20 && apdu.dataLength() > 0) {
                verifiesWithPin.incrementAndGet();
            }
        });
        monitor = CardMonitor.builder().withTerminalSource(TerminalSource.of(readers.terminalFactory())).build();
        monitor.start(events);
        monitor.awaitFirstScan(WAIT);
        reader().insert(card);
        events.await(CardInserted.class, e -> e.reader().equals(READER), WAIT);
    }

    @AfterEach
    void stopMonitor() {
        monitor.close();
        reader().remove();
    }

    private VirtualReader reader() {
        return readers.reader(READER);
    }

    private CardKeys keys() {
        return monitor.keys(READER);
    }

    private CardCertificate certificate(PinKind pin) throws Exception {
        return keys().certificates().stream().filter(c -> c.pin() == pin).findFirst().orElseThrow();
    }

    @Test
    void whenCertificatesAreRead_thenBothMatchTheCardsWithTheirKeysAndPins() throws Exception {
        List<CardCertificate> certificates = keys().certificates();

        assertThat(certificates).containsExactly(
                new CardCertificate("kxc00", card.authenticationCertificate(), VirtualSithsCard.AUTHENTICATION_KEY,
                        PinKind.IDENTIFICATION),
                new CardCertificate("ksc01", card.signatureCertificate(), VirtualSithsCard.SIGNATURE_KEY,
                        PinKind.SIGNATURE));
    }

    @Test
    void whenCertificatesAreAskedAgain_thenTheCardIsNotReadAgainUntilItIsReinserted() throws Exception {
        keys().certificates();
        long reads = card.commandCount(0xB0);
        assertThat(keys().certificates()).hasSize(2);
        assertThat(card.commandCount(0xB0)).as("answered from memory").isEqualTo(reads);

        reader().remove();
        events.await(CardRemoved.class, e -> e.reader().equals(READER), WAIT);
        events.clear();
        reader().insert(card);
        events.await(CardInserted.class, e -> e.reader().equals(READER), WAIT);
        assertThat(keys().certificates()).hasSize(2);
        assertThat(card.commandCount(0xB0)).as("read again after reinsertion").isGreaterThan(reads);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureScheme.class, names = "RSA_.*", mode = EnumSource.Mode.MATCH_ANY)
    void whenTheIdentificationKeySigns_thenTheSignatureVerifiesWithItsCertificate(SignatureScheme scheme)
            throws Exception {
        CardCertificate identification = certificate(PinKind.IDENTIFICATION);

        SignatureResult result = keys().sign(identification, scheme, DATA, PIN.toCharArray());

        assertThat(result.ok()).as("%s", result).isTrue();
        assertThat(verifies(identification.x509(), scheme, result.signature())).isTrue();
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureScheme.class, names = "RSA_.*", mode = EnumSource.Mode.MATCH_ANY)
    void whenTheSignatureKeySigns_thenTheSignaturePinIsUsedAndTheSignatureVerifies(SignatureScheme scheme)
            throws Exception {
        CardCertificate signature = certificate(PinKind.SIGNATURE);

        SignatureResult result = keys().sign(signature, scheme, DATA, SIGNATURE_PIN.toCharArray());

        assertThat(result.ok()).as("%s", result).isTrue();
        assertThat(verifies(signature.x509(), scheme, result.signature())).isTrue();
    }

    @Test
    void whenTheCardHasSigned_thenItIsResetAndNoLongerAuthenticated() throws Exception {
        CardCertificate identification = certificate(PinKind.IDENTIFICATION);
        keys().sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA, PIN.toCharArray());

        assertThat(monitor.pins(READER).triesLeft(PinKind.IDENTIFICATION))
                .as("the empty VERIFY does not answer 'already verified'").isEqualTo(TriesLeft.of(3, 3));
    }

    @Test
    void whenThePinIsWrong_thenOneTryIsCountedAndNothingIsSigned() throws Exception {
        CardCertificate identification = certificate(PinKind.IDENTIFICATION);
        long mseBefore = card.commandCount(INS_MSE);
        long psoBefore = card.commandCount(INS_PSO);

        SignatureResult result = keys().sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA,
                "000001".toCharArray());

        assertThat(result.pinResult()).isEqualTo(PinResult.of(PinStatus.WRONG_PIN, 2));
        assertThat(verifiesWithPin).hasValue(1);
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(2);
        assertThat(card.triesLeft(VirtualSithsCard.SIGNATURE_PIN)).isEqualTo(3);
        assertThat(card.commandCount(INS_MSE)).isEqualTo(mseBefore);
        assertThat(card.commandCount(INS_PSO)).isEqualTo(psoBefore);
        assertThat(events.await(PinTriesChanged.class, e -> true, WAIT).card().pinTries())
                .containsEntry(PinKind.IDENTIFICATION, TriesLeft.of(2, 3));
    }

    @Test
    void whenTheCardIsRemovedDuringSigning_thenCardRemovedAndTheNextInsertSigns() throws Exception {
        CardCertificate identification = certificate(PinKind.IDENTIFICATION);
        ApduListener pullAtSignature = apdu -> {
            if (apdu.ins() == INS_PSO && apdu.p1() == 0x9E && apdu.p2() == 0x9A) {
                reader().remove();
            }
        };
        card.addListener(pullAtSignature);

        SignatureResult result = keys().sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA,
                PIN.toCharArray());

        assertThat(result.status()).isEqualTo(PinStatus.CARD_REMOVED);
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
        card.removeListener(pullAtSignature);
        events.await(CardRemoved.class, e -> e.reader().equals(READER), WAIT);
        events.clear();
        reader().insert(card);
        events.await(CardInserted.class, e -> e.reader().equals(READER), WAIT);

        SignatureResult again = keys().sign(certificate(PinKind.IDENTIFICATION), SignatureScheme.RSA_PKCS1_SHA256,
                DATA, PIN.toCharArray());
        assertThat(again.ok()).isTrue();
        assertThat(verifies(identification.x509(), SignatureScheme.RSA_PKCS1_SHA256, again.signature())).isTrue();
    }

    /** JCA verification with the public key: initVerify(certificate) refuses a nonRepudiation-only certificate. */
    private static boolean verifies(X509Certificate certificate, SignatureScheme scheme, byte[] signature)
            throws Exception {
        assertThat(scheme.keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA);
        Signature verifier = Signature.getInstance(scheme.jcaName());
        if (scheme.isPss()) {
            String hash = scheme.hash().jcaName();
            verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    scheme.hash().length(), 1));
        }
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(DATA);
        return verifier.verify(signature);
    }
}
