package se.legitimera.smartcard.idprime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardDataException;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.SignatureResult;
import se.legitimera.smartcard.api.UnexpectedResponseException;
import se.legitimera.smartcard.api.UnsupportedCardException;
import se.legitimera.smartcard.pin.ScriptedTransport;
import se.legitimera.smartcard.pkcs11.SignatureScheme;
import se.legitimera.smartcard.profile.CardProfiles;

class IdPrimeKeysTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final CardProfiles PROFILES = CardProfiles.builtIn();
    private static final CardProfile SITHS_940 = PROFILES.match(Atr.parse("3B7F96000080318065B0855956FB120FFE829000"));
    private static final CardProfile SITHS_840 = PROFILES.match(Atr.parse("3B7F96000080318065B0850300EF120FFE829000"));
    private static final CardProfile GENERIC = PROFILES.match(Atr.parse("3B7F96000080318065B08412 3456120FFE829000"));

    private static final String SELECT_APPLET = "00A4040C0B A000000018800000000662";
    private static final String SELECT_INDEX = "00A40800020101";
    private static final String SELECT_CONTAINER_MAP = "00A40800020204";
    private static final String SELECT_KEY_MAP = "00A40800020005";
    private static final String PIN_123456 = "313233343536 00000000000000000000";
    private static final byte[] DATA = "the challenge".getBytes(StandardCharsets.UTF_8);

    private static X509Certificate authentication;
    private static X509Certificate signing;

    private final ScriptedTransport card = new ScriptedTransport();

    @BeforeAll
    static void createCertificates() throws Exception {
        authentication = certificate("Auth", KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        signing = certificate("Sign", KeyUsage.nonRepudiation);
    }

    // --- certificates ---

    @Test
    void whenA940MapPutsTheSecondKeyUnderPin83_thenEachCertificateGetsItsKeyAndPin() throws Exception {
        expect940(keyMap(record(0x56, 0, 1), record(0x57, 1, 2)), twoCertificates());
        expectFile("00A40000020301", compressed(authentication));
        expectFile("00A40000020302", compressed(signing));

        List<CardCertificate> certificates = IdPrimeKeys.over(SITHS_940, card).certificates();

        assertThat(certificates).containsExactly(
                new CardCertificate("kxc00", authentication, 0x56, PinKind.IDENTIFICATION),
                new CardCertificate("ksc01", signing, 0x57, PinKind.SIGNATURE));
        card.assertDone();
    }

    @Test
    void whenA940MapPutsBothKeysUnderPin11_thenBothTakeTheIdentificationPinWhateverTheKeyUsage() throws Exception {
        expect940(keyMap(record(0x81, 0, 1), record(0x82, 1, 1)), twoCertificates());
        expectFile("00A40000020301", compressed(authentication));
        expectFile("00A40000020302", compressed(signing));

        assertThat(IdPrimeKeys.over(SITHS_940, card).certificates())
                .extracting(CardCertificate::name, CardCertificate::keyReference, CardCertificate::pin)
                .containsExactly(tuple("kxc00", 0x81, PinKind.IDENTIFICATION),
                        tuple("ksc01", 0x82, PinKind.IDENTIFICATION));
        card.assertDone();
    }

    @Test
    void whenTheMapHasThePinIndexInByte0AndByte7Zero_thenBothKeysAreUnderPin83AsOpenScReadsIt() throws Exception {
        // the layout the devkit card had before: {PIN index, key reference, certificate id, 0...}
        byte[] map = new byte[16];
        map[0] = 1;
        map[1] = 0x56;
        map[8] = 2;
        map[9] = 0x57;
        map[10] = 1;
        expect940(map, twoCertificates());
        expectFile("00A40000020301", compressed(authentication));
        expectFile("00A40000020302", compressed(signing));

        assertThat(IdPrimeKeys.over(SITHS_940, card).certificates()).extracting(CardCertificate::pin)
                .containsExactly(PinKind.SIGNATURE, PinKind.SIGNATURE);
    }

    @Test
    void whenA940HasNoKeyReferenceMap_thenNoCertificateHasAKeyAndNoneIsRead() throws Exception {
        expect940(null, twoCertificates());

        assertThat(IdPrimeKeys.over(SITHS_940, card).certificates()).isEmpty();
        card.assertDone();
    }

    @Test
    void whenTheMapNamesNoKeyForACertificate_thenThatCertificateIsLeftOut() throws Exception {
        byte[] map = keyMap(record(0x56, 0, 1), record(0x57, 1, 2));
        map[8] = 0; // second record not in use
        expect940(map, twoCertificates());
        expectFile("00A40000020301", compressed(authentication));

        assertThat(IdPrimeKeys.over(SITHS_940, card).certificates()).extracting(CardCertificate::name)
                .containsExactly("kxc00");
        card.assertDone();
    }

    @Test
    void whenA940HasAContainerMapWithoutTheKeysContainer_thenTheKeyMapStillDecides() throws Exception {
        card.expect(SELECT_APPLET, "9000");
        expectFile(SELECT_CONTAINER_MAP, new byte[86]);
        expectFile(SELECT_KEY_MAP, keyMap(record(0x56, 0, 1)));
        expectFileByPath(SELECT_INDEX, index(entry(0x0301, "kxc00", "mscp")));
        expectFile("00A40000020301", compressed(authentication));

        assertThat(IdPrimeKeys.over(SITHS_940, card).certificates()).extracting(CardCertificate::keyReference)
                .containsExactly(0x56);
        card.assertDone();
    }

    @ParameterizedTest(name = "{0}: kxc00 -> {1}, ksc01 -> {2}")
    @CsvSource({
        "3810, 3B7F96000080318065B08441 3DF6120FFE829000, 31, 32",
        "830, 3B7F96000080318065B08456 5110120FFE829000, 41, 42",
        "930, 3B7F96000080318065B08461 60FB120FFE829000, 11, 13",
        "930 plus, 3BFF9600008131FE4380318065B08465 66FB120178829000 85, 10, 12",
        "840, 3B7F96000080318065B08503 00EF120FFE829000, F7, F8",
        "840 (Swedish MCA), 3B7F96000080318065B08503 00EF1202F0829000, F7, F8",
        "generic, 3B7F96000080318065B08412 3456120FFE829000, 56, 57"})
    void whenTheCardTypeHasNoKeyMap_thenKeyReferencesFollowOpenSc026sRuleUnderPin11(String type, String atr,
            String first, String second) throws Exception {
        CardProfile profile = PROFILES.match(Atr.parse(atr));
        assertThat(profile.keys().keyMap()).isFalse();
        expectByRule(containerMap(2), twoCertificates());
        expectFile("00A40000020301", compressed(authentication));
        expectFile("00A40000020302", compressed(signing));

        assertThat(IdPrimeKeys.over(profile, card).certificates())
                .extracting(CardCertificate::keyReference, CardCertificate::pin)
                .containsExactly(tuple(Integer.parseInt(first, 16), PinKind.IDENTIFICATION),
                        tuple(Integer.parseInt(second, 16), PinKind.IDENTIFICATION));
        card.assertDone();
    }

    @Test
    void whenTheContainerMapHasNoContainerForACertificate_thenThatCertificateIsLeftOut() throws Exception {
        expectByRule(containerMap(1), twoCertificates());
        expectFile("00A40000020301", compressed(authentication));

        assertThat(IdPrimeKeys.over(SITHS_840, card).certificates()).extracting(CardCertificate::name)
                .containsExactly("kxc00");
        card.assertDone();
    }

    @Test
    void whenTheCardHasNoContainerMap_thenEveryCertificateHasAKeyByRule() throws Exception {
        expectByRule(null, index(entry(0x0302, "ksc01", "mscp")));
        expectFile("00A40000020302", compressed(signing));

        assertThat(IdPrimeKeys.over(SITHS_840, card).certificates()).singleElement()
                .satisfies(c -> assertThat(c.keyReference()).isEqualTo(0xF8))
                .satisfies(c -> assertThat(c.pin()).as("an 840 has one PIN").isEqualTo(PinKind.IDENTIFICATION));
    }

    @Test
    void whenTheProfileSaysMapElseRule_thenTheMapWinsWhereTheCardHasOne() throws Exception {
        CardProfile profile = CardProfiles.parse(new StringReader("""
                [x]
                type = IDPRIME
                name = X
                applet = A0 00 00 00 18 80 00 00 00 06 62
                pin.identification = reference 11, tries 3, length 4-16, padded 16 with 00
                pin.signature = reference 83, tries 3, length 4-16, padded 16 with 00
                keys = map 0005, else 56 + id
                """)).all().getFirst();
        expect940(keyMap(record(0x60, 1, 2)), index(entry(0x0302, "ksc01", "mscp")));
        expectFile("00A40000020302", compressed(signing));
        assertThat(IdPrimeKeys.over(profile, card).certificates()).extracting(CardCertificate::keyReference,
                CardCertificate::pin).containsExactly(tuple(0x60, PinKind.SIGNATURE));

        expect940(null, index(entry(0x0302, "ksc01", "mscp")));
        expectFile("00A40000020302", compressed(signing));
        assertThat(IdPrimeKeys.over(profile, card).certificates()).extracting(CardCertificate::keyReference,
                CardCertificate::pin).containsExactly(tuple(0x57, PinKind.IDENTIFICATION));
        card.assertDone();
    }

    @Test
    void whenACertificateIsNotInTheMscpDirectory_thenItIsNotACardCertificate() throws Exception {
        expectByRule(null, index(entry(0x0301, "kxc00", "other"), entry(0x0401, "tinfo", "p11")));

        assertThat(IdPrimeKeys.over(SITHS_840, card).certificates()).isEmpty();
        card.assertDone();
    }

    @Test
    void whenACertificateFileHoldsPlainDer_thenItIsReadAsIs() throws Exception {
        expectByRule(null, index(entry(0x0301, "kxc03", "mscp")));
        expectFile("00A40000020301", authentication.getEncoded());

        assertThat(IdPrimeKeys.over(GENERIC, card).certificates()).singleElement()
                .satisfies(c -> assertThat(c.keyReference()).isEqualTo(0x59));
    }

    @Test
    void whenTheCardAnswersShortReads_thenTheRestIsReadFromTheNewOffset() throws Exception {
        byte[] file = compressed(authentication);
        expectByRule(null, index(entry(0x0301, "kxc00", "mscp")));
        card.expect("00A40000020301", fci(file.length) + "9000");
        card.expect(String.format("00B00000%02X", Math.min(256, file.length) & 0xFF),
                HEX.formatHex(Arrays.copyOf(file, 100)) + "9000");
        int offset = 100;
        while (offset < file.length) {
            int wanted = Math.min(256, file.length - offset);
            card.expect(String.format("00B0%04X%02X", offset, wanted & 0xFF),
                    HEX.formatHex(Arrays.copyOfRange(file, offset, offset + wanted)) + "9000");
            offset += wanted;
        }
        assertThat(IdPrimeKeys.over(SITHS_840, card).certificates()).hasSize(1);
        card.assertDone();
    }

    @Test
    void whenANameHasNoCertificateId_thenThatEntryIsLeftOut() throws Exception {
        expectByRule(null, index(entry(0x0309, "kxcAB", "mscp"), entry(0x0301, "kxc00", "mscp")));
        expectFile("00A40000020301", compressed(authentication));

        assertThat(IdPrimeKeys.over(SITHS_840, card).certificates()).extracting(CardCertificate::name)
                .containsExactly("kxc00");
        card.assertDone();
    }

    @Test
    void whenTheInflatedLengthDiffersFromTheHeader_thenCardDataException() throws Exception {
        byte[] file = compressed(authentication);
        file[2]++;
        expectByRule(null, index(entry(0x0301, "kxc00", "mscp")));
        expectFile("00A40000020301", file);

        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_840, card).certificates())
                .isInstanceOf(CardDataException.class).hasMessageContaining("inflates to");
    }

    @Test
    void whenTheStreamIsNotZlib_thenCardDataException() throws Exception {
        byte[] file = compressed(authentication);
        Arrays.fill(file, 4, 12, (byte) 0xFF);
        expectByRule(null, index(entry(0x0301, "kxc00", "mscp")));
        expectFile("00A40000020301", file);

        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_840, card).certificates())
                .isInstanceOf(CardDataException.class);
    }

    @Test
    void whenTheIndexIsShorterThanItsCount_thenCardDataException() throws Exception {
        expectByRule(null, new byte[] {3, 1, 2});
        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_840, card).certificates())
                .isInstanceOf(CardDataException.class);
    }

    @Test
    void whenTheSelectAnswersNoFileSize_thenCardDataException() throws Exception {
        card.expect(SELECT_APPLET, "9000").expect(SELECT_CONTAINER_MAP, "6A82").expect(SELECT_INDEX, "9000");
        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_840, card).certificates())
                .isInstanceOf(CardDataException.class).hasMessageContaining("no file size");
    }

    @Test
    void whenTheIndexIsMissing_thenUnexpectedResponse() throws Exception {
        card.expect(SELECT_APPLET, "9000").expect(SELECT_CONTAINER_MAP, "6A82").expect(SELECT_INDEX, "6A82");
        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_840, card).certificates())
                .isInstanceOfSatisfying(UnexpectedResponseException.class,
                        e -> assertThat(e.statusWord()).isEqualTo(0x6A82));
    }

    @Test
    void whenTheAppletIsMissing_thenUnsupportedCard() throws Exception {
        card.expect(SELECT_APPLET, "6A82");
        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_940, card).certificates())
                .isInstanceOf(UnsupportedCardException.class);
        card.assertDone();
    }

    @Test
    void whenTheProfileIsUnknown_thenUnsupportedCardAndNothingIsSent() {
        assertThatThrownBy(() -> IdPrimeKeys.over(CardProfile.unknown(), card).certificates())
                .isInstanceOf(UnsupportedCardException.class);
        assertThat(card.sent).isEmpty();
    }

    // --- signing ---

    @ParameterizedTest
    @CsvSource({"RSA_PKCS1_SHA256, 42, SHA-256", "RSA_PKCS1_SHA384, 52, SHA-384", "RSA_PKCS1_SHA512, 62, SHA-512",
            "RSA_PSS_SHA256, 45, SHA-256", "RSA_PSS_SHA384, 55, SHA-384", "RSA_PSS_SHA512, 65, SHA-512"})
    void whenThePinIsRight_thenVerifyMseHashAndSignatureAreSentAndTheSignatureReturned(SignatureScheme scheme,
            String algorithm, String hashName) throws Exception {
        byte[] hash = MessageDigest.getInstance(hashName).digest(DATA);
        String signature = "AB".repeat(128);
        card.expect(SELECT_APPLET, "9000").expect("00200011 10" + PIN_123456, "9000")
                .expect("00224 1B6 06 8001" + algorithm + " 840156".replace(" ", ""), "9000")
                .expect(String.format("002A90A0%02X90%02X", hash.length + 2, hash.length) + HEX.formatHex(hash),
                        HEX.formatHex(hash) + "9000")
                .expect("002A9E9A00", signature + "9000");

        SignatureResult result = IdPrimeKeys.over(SITHS_940, card)
                .sign(authenticationKey(), scheme, DATA, "123456".toCharArray());

        assertThat(result.ok()).isTrue();
        assertThat(HEX.formatHex(result.signature())).isEqualTo(signature);
        assertThat(card.sent.get(1)).as("the VERIFY buffer is wiped").containsOnly(0);
        card.assertDone();
    }

    @Test
    void whenTheKeyIsTheSignatureKey_thenTheSignaturePinAndItsKeyReferenceAreUsed() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(DATA);
        card.expect(SELECT_APPLET, "9000").expect("00200083 10" + PIN_123456, "9000")
                .expect("002241B606800142840157", "9000")
                .expect("002A90A02290 20" + HEX.formatHex(hash), "9000")
                .expect("002A9E9A00", "01".repeat(128) + "9000");

        SignatureResult result = IdPrimeKeys.over(SITHS_940, card).sign(
                new CardCertificate("ksc01", signing, 0x57, PinKind.SIGNATURE), SignatureScheme.RSA_PKCS1_SHA256,
                DATA, "123456".toCharArray());

        assertThat(result.ok()).as("a card that answers PSO HASH without echo is fine").isTrue();
        card.assertDone();
    }

    @Test
    void whenThePinIsWrong_thenWrongPinWithTriesLeftAndNoSigningCommand() throws Exception {
        card.expect(SELECT_APPLET, "9000").expect("00200011 10" + PIN_123456, "63C2");

        SignatureResult result = IdPrimeKeys.over(SITHS_940, card)
                .sign(authenticationKey(), SignatureScheme.RSA_PKCS1_SHA256, DATA, "123456".toCharArray());

        assertThat(result.pinResult()).isEqualTo(PinResult.of(PinStatus.WRONG_PIN, 2));
        assertThat(result.ok()).isFalse();
        assertThatThrownBy(result::signature).isInstanceOf(IllegalStateException.class);
        card.assertDone();
    }

    @Test
    void whenThePinIsBlocked_thenPinBlockedAndNoSigningCommand() throws Exception {
        card.expect(SELECT_APPLET, "9000").expect("00200011 10" + PIN_123456, "6983");

        assertThat(IdPrimeKeys.over(SITHS_940, card).sign(authenticationKey(), SignatureScheme.RSA_PKCS1_SHA256,
                DATA, "123456".toCharArray()).pinResult()).isEqualTo(PinResult.of(PinStatus.PIN_BLOCKED, 0));
        card.assertDone();
    }

    @Test
    void whenThePinHasTheWrongFormat_thenInvalidFormatAndNothingIsSent() throws Exception {
        SignatureResult result = IdPrimeKeys.over(SITHS_940, card)
                .sign(authenticationKey(), SignatureScheme.RSA_PKCS1_SHA256, DATA, "12a".toCharArray());
        assertThat(result.status()).isEqualTo(PinStatus.INVALID_FORMAT);
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenTheCardIsRemovedAtTheVerify_thenCardRemoved() throws Exception {
        card.expect(SELECT_APPLET, "9000").expectAndRemoveCard("00200011 10" + PIN_123456);
        assertThat(IdPrimeKeys.over(SITHS_940, card).sign(authenticationKey(), SignatureScheme.RSA_PKCS1_SHA256,
                DATA, "123456".toCharArray()).status()).isEqualTo(PinStatus.CARD_REMOVED);
        card.assertDone();
    }

    @Test
    void whenTheCardIsRemovedAtTheSignature_thenCardRemovedNotWrongPin() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(DATA);
        card.expect(SELECT_APPLET, "9000").expect("00200011 10" + PIN_123456, "9000")
                .expect("002241B606800142840156", "9000")
                .expect("002A90A02290 20" + HEX.formatHex(hash), HEX.formatHex(hash) + "9000")
                .expectAndRemoveCard("002A9E9A00");

        assertThat(IdPrimeKeys.over(SITHS_940, card).sign(authenticationKey(), SignatureScheme.RSA_PKCS1_SHA256,
                DATA, "123456".toCharArray()).status()).isEqualTo(PinStatus.CARD_REMOVED);
        card.assertDone();
    }

    @Test
    void whenTheProfileIsUnknown_thenNotSupportedAndNothingIsSent() throws Exception {
        assertThat(IdPrimeKeys.over(CardProfile.unknown(), card).sign(authenticationKey(),
                SignatureScheme.RSA_PKCS1_SHA256, DATA, "123456".toCharArray()).status())
                .isEqualTo(PinStatus.NOT_SUPPORTED);
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenTheSchemeIsEcdsa_thenNotSupportedAndNothingIsSent() throws Exception {
        assertThat(IdPrimeKeys.over(SITHS_940, card).sign(authenticationKey(), SignatureScheme.ECDSA_SHA256, DATA,
                "123456".toCharArray()).status()).isEqualTo(PinStatus.NOT_SUPPORTED);
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenTheKeyNeedsAPinTheCardLacks_thenNotSupportedAndNothingIsSent() throws Exception {
        assertThat(IdPrimeKeys.over(SITHS_840, card).sign(new CardCertificate("ksc01", signing, 0x57,
                PinKind.SIGNATURE), SignatureScheme.RSA_PKCS1_SHA256, DATA, "123456".toCharArray()).status())
                .isEqualTo(PinStatus.NOT_SUPPORTED);
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenTheCardDoesNotKnowTheKey_thenUnexpectedResponseAndNoHash() throws Exception {
        card.expect(SELECT_APPLET, "9000").expect("00200011 10" + PIN_123456, "9000")
                .expect("002241B606800142840156", "6A88");
        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_940, card).sign(authenticationKey(),
                SignatureScheme.RSA_PKCS1_SHA256, DATA, "123456".toCharArray()))
                .isInstanceOfSatisfying(UnexpectedResponseException.class,
                        e -> assertThat(e.statusWord()).isEqualTo(0x6A88));
        card.assertDone();
    }

    @Test
    void whenTheCardRefusesTheSignature_thenUnexpectedResponseWithItsStatus() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(DATA);
        card.expect(SELECT_APPLET, "9000").expect("00200011 10" + PIN_123456, "9000")
                .expect("002241B606800142840156", "9000")
                .expect("002A90A02290 20" + HEX.formatHex(hash), HEX.formatHex(hash) + "9000")
                .expect("002A9E9A00", "6982");
        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_940, card).sign(authenticationKey(),
                SignatureScheme.RSA_PKCS1_SHA256, DATA, "123456".toCharArray()))
                .isInstanceOfSatisfying(UnexpectedResponseException.class,
                        e -> assertThat(e.statusWord()).isEqualTo(0x6982));
    }

    @Test
    void whenTheCardEchoesAnotherHash_thenCardDataExceptionAndNoSignatureCommand() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(DATA);
        card.expect(SELECT_APPLET, "9000").expect("00200011 10" + PIN_123456, "9000")
                .expect("002241B606800142840156", "9000")
                .expect("002A90A02290 20" + HEX.formatHex(hash), "00".repeat(32) + "9000");
        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_940, card).sign(authenticationKey(),
                SignatureScheme.RSA_PKCS1_SHA256, DATA, "123456".toCharArray()))
                .isInstanceOf(CardDataException.class);
        card.assertDone();
    }

    @Test
    void whenTheSignatureIsNotModulusSized_thenCardDataException() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(DATA);
        card.expect(SELECT_APPLET, "9000").expect("00200011 10" + PIN_123456, "9000")
                .expect("002241B606800142840156", "9000")
                .expect("002A90A02290 20" + HEX.formatHex(hash), HEX.formatHex(hash) + "9000")
                .expect("002A9E9A00", "0102039000");
        assertThatThrownBy(() -> IdPrimeKeys.over(SITHS_940, card).sign(authenticationKey(),
                SignatureScheme.RSA_PKCS1_SHA256, DATA, "123456".toCharArray()))
                .isInstanceOf(CardDataException.class);
    }

    // --- helpers ---

    private static CardCertificate authenticationKey() {
        return new CardCertificate("kxc00", authentication, 0x56, PinKind.IDENTIFICATION);
    }

    /** A card whose profile reads the key map: applet, container map (missing), key map (null: missing), index. */
    private void expect940(byte[] keyMap, byte[] index) {
        card.expect(SELECT_APPLET, "9000").expect(SELECT_CONTAINER_MAP, "6A82");
        if (keyMap == null) {
            card.expect(SELECT_KEY_MAP, "6A82");
        } else {
            expectFile(SELECT_KEY_MAP, keyMap);
        }
        expectFileByPath(SELECT_INDEX, index);
    }

    /** A card whose profile computes key references: applet, container map (null: missing), index. */
    private void expectByRule(byte[] containerMap, byte[] index) {
        card.expect(SELECT_APPLET, "9000");
        if (containerMap == null) {
            card.expect(SELECT_CONTAINER_MAP, "6A82");
        } else {
            expectFile(SELECT_CONTAINER_MAP, containerMap);
        }
        expectFileByPath(SELECT_INDEX, index);
    }

    private void expectFileByPath(String select, byte[] file) {
        card.expect(select, fci(file.length) + "9000");
        card.expect(String.format("00B00000%02X", file.length & 0xFF), HEX.formatHex(file) + "9000");
    }

    private static byte[] twoCertificates() {
        return index(entry(0x0301, "kxc00", "mscp"), entry(0x0302, "ksc01", "mscp"), entry(0x0401, "tinfo", "p11"));
    }

    /** A 0005 record as a real 940 has it: [0] in use, [1] key reference, [2] certificate id, [7] PIN index. */
    private static byte[] record(int keyReference, int certificateId, int pinIndex) {
        byte[] record = new byte[8];
        record[0] = 1;
        record[1] = (byte) keyReference;
        record[2] = (byte) certificateId;
        record[7] = (byte) pinIndex;
        return record;
    }

    private static byte[] keyMap(byte[]... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] record : records) {
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    /** {@code containers} used 86-byte records (first byte 01), then an empty one. */
    private static byte[] containerMap(int containers) {
        byte[] map = new byte[(containers + 1) * 86];
        for (int i = 0; i < containers; i++) {
            map[i * 86] = 'C';
        }
        return map;
    }

    /** SELECT by file id with FCI, then READ BINARY in 256-byte chunks. */
    private void expectFile(String select, byte[] file) {
        card.expect(select, fci(file.length) + "9000");
        for (int offset = 0; offset < file.length; offset += 256) {
            int length = Math.min(256, file.length - offset);
            card.expect(String.format("00B0%04X%02X", offset, length & 0xFF),
                    HEX.formatHex(Arrays.copyOfRange(file, offset, offset + length)) + "9000");
        }
    }

    private static String fci(int size) {
        return String.format("620B8002%04X820101830201 01", size).replace(" ", "");
    }

    private static byte[] index(byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(entries.length);
        for (byte[] entry : entries) {
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }

    private static byte[] entry(int fid, String name, String directory) {
        byte[] entry = new byte[21];
        entry[0] = (byte) (fid >> 8);
        entry[1] = (byte) fid;
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, entry, 4, n.length);
        byte[] d = directory.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(d, 0, entry, 12, d.length);
        return entry;
    }

    private static byte[] compressed(X509Certificate certificate) throws Exception {
        byte[] der = certificate.getEncoded();
        Deflater deflater = new Deflater();
        deflater.setInput(der);
        deflater.finish();
        byte[] buffer = new byte[der.length + 64];
        int length = deflater.deflate(buffer);
        deflater.end();
        byte[] file = new byte[4 + length];
        file[0] = 0x01;
        file[2] = (byte) der.length;
        file[3] = (byte) (der.length >> 8);
        System.arraycopy(buffer, 0, file, 4, length);
        return file;
    }

    private static X509Certificate certificate(String cn, int keyUsage) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + cn);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
}
