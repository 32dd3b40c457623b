package se.legitimera.devkit.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Inflater;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.legitimera.devkit.pki.TestPki;

class VirtualSithsCardTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String PIN = "246810";
    private static final String SIGN_PIN = "135791";
    private static final String PUK = "86420975";

    @TempDir
    static Path pkiFolder;
    @TempDir
    static Path templateFolder;
    private static TestPki pki;

    @TempDir
    Path stateFolder;
    private VirtualSithsCard card;

    @BeforeAll
    static void createPkiAndTemplateCard() {
        pki = TestPki.openOrCreate(pkiFolder, Clock.systemUTC());
        VirtualSithsCard.builder().withPki(pki).withStateFolder(templateFolder)
                .withInitialSecrets(PIN.toCharArray(), SIGN_PIN.toCharArray(), PUK.toCharArray())
                .openOrCreate();
    }

    @BeforeEach
    void insertCard() throws Exception {
        // a copy of one card per test: key generation is the slow part
        try (var files = Files.list(templateFolder)) {
            for (Path file : files.toList()) {
                Files.copy(file, stateFolder.resolve(file.getFileName()));
            }
        }
        card = VirtualSithsCard.builder().withPki(pki).withStateFolder(stateFolder).openOrCreate();
        card.powerOn();
        assertThat(sw(send("00A4040C0BA0000000188000000006 62".replace(" ", "")))).isEqualTo(0x9000);
    }

    @Test
    void whenPoweredOn_thenAtrIsIdPrime940() {
        assertThat(HEX.formatHex(card.powerOn())).isEqualToIgnoringCase("3B7F96000080318065B0855956FB120FFE829000");
    }

    @Test
    void whenIndexAndCertificateFilesAreRead_thenTheyDescribeTheCardsCertificates() throws Exception {
        byte[] index = readFile(0x0101);
        assertThat(index[0]).isEqualTo((byte) 3);
        assertThat(new String(index, 1 + 4, 5)).isEqualTo("kxc00");
        assertThat(new String(index, 1 + 12, 4)).isEqualTo("mscp");
        assertThat(new String(index, 1 + 2 * 21 + 4, 5)).isEqualTo("tinfo");
        int authFid = ((index[1] & 0xFF) << 8) | (index[2] & 0xFF);
        byte[] compressed = readFile(authFid);
        assertThat(compressed.length).isEqualTo(((index[3] & 0xFF) << 8) | (index[4] & 0xFF));
        assertThat(Arrays.copyOf(compressed, 2)).containsExactly(0x01, 0x00);
        int length = (compressed[2] & 0xFF) | ((compressed[3] & 0xFF) << 8);
        Inflater inflater = new Inflater();
        inflater.setInput(compressed, 4, compressed.length - 4);
        byte[] der = new byte[length];
        assertThat(inflater.inflate(der)).isEqualTo(length);
        assertThat(der).isEqualTo(card.authenticationCertificate().getEncoded());
    }

    @Test
    void whenTokenInfoAndSerialAreRead_thenLabelAndSixteenByteIdAreThere() {
        byte[] tokenInfo = readFile(0x0401);
        assertThat(tokenInfo[0]).isEqualTo((byte) 1);
        assertThat(new String(tokenInfo, 2, tokenInfo[1] - 1)).isEqualTo("SITHS e-id kort (Legitimering)");
        assertThat(tokenInfo[tokenInfo.length - 1]).isZero();
        assertThat(HEX.formatHex(readFile(0x0201))).isEqualTo(card.serialNumber()).hasSize(32);
    }

    @Test
    void whenCplcIsRead_thenItIs45BytesWithOsRelease4() {
        byte[] answer = send("00CA9F7F2D");
        assertThat(answer).hasSize(47);
        assertThat(sw(answer)).isEqualTo(0x9000);
        assertThat(answer[11]).isEqualTo((byte) 4);
    }

    @Test
    void whenTheKeyReferenceMapIsRead_thenItHasOpenScsLayoutWithThePinIndexAtByte7() {
        byte[] map = readFile(0x0005);
        assertThat(HEX.formatHex(map)).as("{in use, key, certificate id, 0, 0, 0, 0, PIN index} per key")
                .isEqualTo("0156000000000001" + "0157010000000002");
    }

    @Test
    void whenTheContainerMapIsRead_thenBothContainersAreInUse() {
        byte[] map = readFile(0x0204);
        assertThat(map).hasSize(2 * 86);
        assertThat(map[0]).isNotZero();
        assertThat(map[86]).isNotZero();
    }

    @Test
    void whenTheAppletVersionIsAsked_thenItIsBerTlvDf30AsOpenSc025Reads() {
        byte[] answer = send("00CADF3000");
        assertThat(sw(answer)).isEqualTo(0x9000);
        byte[] data = Arrays.copyOf(answer, answer.length - 2);
        assertThat(data.length).isGreaterThanOrEqualTo(10);
        assertThat(Arrays.copyOf(data, 2)).containsExactly(0xDF, 0x30);
        assertThat(data[2] & 0xFF).isEqualTo(data.length - 3);
    }

    @Test
    void whenAnyOtherGetDataIsAsked_thenReferenceNotFound() {
        assertThat(sw(send("00CA010100"))).isEqualTo(0x6A88);
    }

    @Test
    void whenBuiltWithAT1Atr_thenItPresentsItAndSpeaksT1() {
        VirtualSithsCard t1 = VirtualSithsCard.builder().withPki(pki).withStateFolder(stateFolder)
                .withAtr(PublishedAtr.IDPRIME_3940C).openOrCreate();
        assertThat(HEX.formatHex(t1.powerOn()))
                .isEqualToIgnoringCase("3BFF9600008131FE4380318065B085050039120FFE829000C8");
        assertThat(t1.presentedAtr().protocol()).isEqualTo("T=1");
        assertThat(card.presentedAtr().protocol()).isEqualTo("T=0");
    }

    @Test
    void whenBuiltWithAn840Atr_thenItHasThe840sKeysBothUnderTheIdentificationPinAndNoKeyMap() throws Exception {
        VirtualSithsCard md840 = VirtualSithsCard.builder().withPki(pki).withStateFolder(stateFolder)
                .withAtr(PublishedAtr.IDPRIME_MD_840).openOrCreate();
        card = md840;
        card.powerOn();
        send("00A4040C0BA000000018800000000662");
        assertThat(sw(send("00A40800020005"))).isEqualTo(0x6A82);
        assertThat(sw(send("002241B606800142840156"))).as("the 940's key reference").isEqualTo(0x6A88);

        verify(0x11, PIN);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest("intyg".getBytes());
        byte[] signature = sign(0x42, 0xF8, digest);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(card.signatureCertificate().getPublicKey());
        verifier.update("intyg".getBytes());
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void whenASelectFails_thenTheCurrentFileStays() {
        select(0x0201);
        assertThat(sw(send("00A4080002 2F00".replace(" ", "")))).isEqualTo(0x6A82);
        assertThat(sw(send("00A4040C07A0000000030000"))).isEqualTo(0x6A82);
        assertThat(send("00B0000010")).hasSize(18);
    }

    @Test
    void whenPinStatusIsQueried_thenItAnswersTriesLeftOrVerified() {
        assertThat(sw(send("00200011"))).isEqualTo(0x63C3);
        assertThat(sw(send("0020001100"))).isEqualTo(0x63C3);
        assertThat(sw(verify(0x11, PIN))).isEqualTo(0x9000);
        assertThat(sw(send("0020001100"))).isEqualTo(0x9000);
        assertThat(sw(send("00200083"))).isEqualTo(0x63C3);
        assertThat(sw(send("00200081"))).isEqualTo(0x63CA);
    }

    @Test
    void whenWrongPin_thenOneTryIsGone() {
        assertThat(sw(verify(0x11, "999999"))).isEqualTo(0x63C2);
        assertThat(card.triesLeft(0x11)).isEqualTo(2);
        assertThat(sw(verify(0x11, PIN))).isEqualTo(0x9000);
        assertThat(card.triesLeft(0x11)).isEqualTo(3);
    }

    @Test
    void whenThreeWrongPins_thenPinIsBlocked() {
        verify(0x11, "999999");
        verify(0x11, "999999");
        assertThat(sw(verify(0x11, "999999"))).isEqualTo(0x6983);
        assertThat(sw(verify(0x11, PIN))).isEqualTo(0x6983);
        assertThat(sw(send("00200011"))).isEqualTo(0x6983);
        assertThat(sw(verify(0x83, SIGN_PIN))).as("the signature PIN is separate").isEqualTo(0x9000);
    }

    @Test
    void whenBlockedPinIsUnblockedWithPuk_thenTheNewPinWorks() {
        for (int i = 0; i < 3; i++) {
            verify(0x11, "999999");
        }
        assertThat(sw(send("002C001120" + field(PUK) + field("112358")))).isEqualTo(0x9000);
        assertThat(sw(send("00200011"))).isEqualTo(0x63C3);
        assertThat(sw(verify(0x11, "112358"))).isEqualTo(0x9000);
        assertThat(sw(send("002C008320" + field(PUK) + field("314159")))).isEqualTo(0x9000);
        assertThat(sw(verify(0x83, "314159"))).isEqualTo(0x9000);
    }

    @Test
    void whenTenWrongPuks_thenThePukIsBlockedForGood() {
        for (int i = 9; i >= 1; i--) {
            assertThat(sw(send("002C001120" + field("11111111") + field("112358")))).isEqualTo(0x63C0 | i);
        }
        assertThat(sw(send("002C001120" + field("11111111") + field("112358")))).isEqualTo(0x6983);
        assertThat(sw(send("002C001120" + field(PUK) + field("112358")))).isEqualTo(0x6983);
        assertThat(sw(send("00200081"))).isEqualTo(0x6983);
        assertThat(sw(verify(0x11, PIN))).as("the PIN still works").isEqualTo(0x9000);
    }

    @Test
    void whenPinIsChanged_thenOnlyTheNewPinVerifies() {
        assertThat(sw(send("0024001120" + field(PIN) + field("97531864")))).isEqualTo(0x9000);
        card.reset();
        assertThat(sw(verify(0x11, PIN))).isEqualTo(0x63C2);
        assertThat(sw(verify(0x11, "97531864"))).isEqualTo(0x9000);
        assertThat(sw(send("0024001120" + field("000000") + field("123")))).as("new PIN too short").isEqualTo(0x6A80);
    }

    @Test
    void whenAuthKeySignsSha256_thenTheCertificateKeyVerifies() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest("proof".getBytes());
        verify(0x11, PIN);
        byte[] signature = sign(0x42, 0x56, digest);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(card.authenticationCertificate());
        verifier.update("proof".getBytes());
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void whenSignKeySignsPss_thenTheSignatureCertificateKeyVerifies() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-384").digest("intyg".getBytes());
        verify(0x83, SIGN_PIN);
        byte[] signature = sign(0x55, 0x57, digest);
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1));
        // the JDK refuses initVerify(certificate) for a certificate without digitalSignature
        verifier.initVerify(card.signatureCertificate().getPublicKey());
        verifier.update("intyg".getBytes());
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void whenRawPkcs1IsSigned_thenItVerifiesAsNoneWithRsa() throws Exception {
        byte[] data = "raw data".getBytes();
        verify(0x11, PIN);
        byte[] signature = sign(0x02, 0x56, data);
        Signature verifier = Signature.getInstance("NONEwithRSA");
        verifier.initVerify(card.authenticationCertificate());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void whenSignKeyIsUsedWithOnlyTheIdentificationPin_thenSecurityStatusIsNotSatisfied() {
        verify(0x11, PIN);
        assertThat(sw(send("002241B606800142840157"))).isEqualTo(0x9000);
        assertThat(sw(send("002A90A022" + "9020" + "00".repeat(32)))).isEqualTo(0x9000);
        assertThat(sw(send("002A9E9A00"))).isEqualTo(0x6982);
    }

    @Test
    void whenCardIsPoweredOffAndOn_thenPinVerificationIsForgotten() {
        verify(0x11, PIN);
        card.powerOff();
        assertThatThrownBy(() -> card.transmit(HEX.parseHex("00200011"))).isInstanceOf(IllegalStateException.class);
        card.powerOn();
        assertThat(sw(send("00200011"))).isEqualTo(0x63C3);
    }

    @Test
    void whenReloadedFromTheStateFolder_thenCountersPinsAndKeysAreKept() {
        verify(0x11, "999999");
        send("0024008320" + field(SIGN_PIN) + field("8642013"));
        VirtualSithsCard reloaded = VirtualSithsCard.builder().withPki(pki).withStateFolder(stateFolder).openOrCreate();
        assertThat(reloaded.createdNow()).isFalse();
        assertThat(reloaded.triesLeft(0x11)).isEqualTo(2);
        assertThat(reloaded.authenticationCertificate()).isEqualTo(card.authenticationCertificate());
        assertThat(reloaded.serialNumber()).isEqualTo(card.serialNumber());
        try (CardSecrets secrets = reloaded.secrets()) {
            assertThat(secrets.identificationPin()).containsExactly(PIN.toCharArray());
            assertThat(secrets.signaturePin()).containsExactly("8642013".toCharArray());
            assertThat(secrets.puk()).containsExactly(PUK.toCharArray());
        }
    }

    @Test
    void whenCreatedWithoutGivenSecrets_thenPinsAreSixRandomDigitsAndPukEight() {
        VirtualSithsCard random = VirtualSithsCard.builder().withPki(pki).createFresh();
        try (CardSecrets secrets = random.secrets()) {
            assertThat(new String(secrets.identificationPin())).matches("\\d{6}");
            assertThat(new String(secrets.signaturePin())).matches("\\d{6}").isNotEqualTo(new String(secrets.identificationPin()));
            assertThat(new String(secrets.puk())).matches("\\d{8}");
            assertThat(CardState.isTrivial(secrets.identificationPin())).isFalse();
        }
        assertThat(CardState.isTrivial("123456".toCharArray())).isTrue();
        assertThat(CardState.isTrivial("111111".toCharArray())).isTrue();
        assertThat(CardState.isTrivial("876543".toCharArray())).isTrue();
        assertThat(random.holder().hsaId()).isEqualTo("TSTNMT2321000156-1024");
    }

    @Test
    void whenVerifyIsSent_thenListenerAndCountersSeeItWithoutThePin() {
        List<ApduEvent> events = new ArrayList<>();
        card.addListener(events::add);
        long before = card.commandCount(0x20);
        verify(0x11, "999999");
        assertThat(card.commandCount(0x20)).isEqualTo(before + 1);
        assertThat(events).containsExactly(new ApduEvent(0x00, 0x20, 0x00, 0x11, 16, 0x63C2));
    }

    private byte[] sign(int algorithm, int key, byte[] input) {
        assertThat(sw(send(String.format("002241B6068001%02X8401%02X", algorithm, key)))).isEqualTo(0x9000);
        byte[] echo = send(String.format("002A90A0%02X90%02X", input.length + 2, input.length) + HEX.formatHex(input));
        assertThat(Arrays.copyOf(echo, echo.length - 2)).isEqualTo(input);
        byte[] answer = send("002A9E9A00");
        assertThat(sw(answer)).isEqualTo(0x9000);
        return Arrays.copyOf(answer, answer.length - 2);
    }

    private byte[] verify(int reference, String pin) {
        return send(String.format("002000%02X10", reference) + field(pin));
    }

    private static String field(String digits) {
        return HEX.formatHex(Arrays.copyOf(digits.getBytes(), 16));
    }

    private void select(int fid) {
        assertThat(sw(send(String.format("00A4080002%04X", fid)))).isEqualTo(0x9000);
    }

    private byte[] readFile(int fid) {
        byte[] fci = send(String.format("00A4080002%04X", fid));
        assertThat(sw(fci)).isEqualTo(0x9000);
        assertThat(fci[0]).isEqualTo((byte) 0x62);
        int size = ((fci[4] & 0xFF) << 8) | (fci[5] & 0xFF);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (content.size() < size) {
            int chunk = Math.min(256, size - content.size());
            byte[] answer = send(String.format("00B0%04X%02X", content.size(), chunk & 0xFF));
            assertThat(sw(answer)).isEqualTo(0x9000);
            content.write(answer, 0, answer.length - 2);
        }
        return content.toByteArray();
    }

    private byte[] send(String hex) {
        return card.transmit(HEX.parseHex(hex));
    }

    private static int sw(byte[] response) {
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }
}
