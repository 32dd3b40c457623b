package se.legitimera.devkit.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import se.legitimera.devkit.card.ApduEvent;
import se.legitimera.devkit.card.ApduListener;
import se.legitimera.devkit.card.CardSecrets;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.stack.OpenScFixture;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.vpcd.VpcdCardConnection;
import se.legitimera.smartcard.pkcs11.PinBlockedException;
import se.legitimera.smartcard.pkcs11.PinCounter;
import se.legitimera.smartcard.pkcs11.Pkcs11Exception;
import se.legitimera.smartcard.pkcs11.Pkcs11Module;
import se.legitimera.smartcard.pkcs11.SignatureScheme;
import se.legitimera.smartcard.pkcs11.Token;
import se.legitimera.smartcard.pkcs11.TokenCertificate;
import se.legitimera.smartcard.pkcs11.TokenRemovedException;
import se.legitimera.smartcard.pkcs11.UnblockNotSupportedException;
import se.legitimera.smartcard.pkcs11.UnblockStyle;
import se.legitimera.smartcard.pkcs11.WrongPinException;
import se.legitimera.smartcard.pkcs11.WrongPukException;

/**
 * Our JNA PKCS#11 binding over the real Linux path: opensc-pkcs11 (OpenSC 0.23) -> pcscd -> vpcd -> the
 * virtual SITHS card. OpenSC 0.23 knows only the identification PIN (0x11), so only the identification
 * key is used. Every command the card answers is watched through an {@link ApduListener}, to check what
 * OpenSC and our binding send (never a VERIFY the user did not ask for).
 *
 * <p>What OpenSC 0.23 sends, as observed here:
 * <ul>
 *   <li>a signature (C_Login, C_SignInit, C_Sign): one VERIFY with the PIN, MSE SET, PSO HASH, PSO COMPUTE
 *       DIGITAL SIGNATURE; no PIN status query and no second VERIFY;</li>
 *   <li>a wrong PIN: the one VERIFY (63Cx), then a VERIFY without body (a status query, no try used)
 *       when our binding reads the token flags. OpenSC never re-sends the PIN. It does not know the
 *       PIN's maximum tries, so the flags show only the final try and the blocked state;</li>
 *   <li>a card pulled before the signature's answer: C_Sign fails with CKR_GENERAL_ERROR (a failed
 *       transmit), not CKR_DEVICE_REMOVED; the binding reports a removal once the slot shows empty;</li>
 *   <li>unblock: only with {@code user_pin_unblock_style = set_pin_in_unlogged_session} in the
 *       {@code pkcs11} block of opensc.conf (opensc.conf(5)), as one {@code 00 2C 00 11} PUK||new PIN.</li>
 * </ul>
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenScPkcs11IT {

    private static final Path OPENSC_PKCS11 = OpenScFixture.MODULE;
    private static final int READER = 0;
    private static final char[] PIN = "246810".toCharArray();
    private static final char[] NEW_PIN = "97531864".toCharArray();
    private static final char[] WRONG_PIN = "999999".toCharArray();
    private static final char[] PUK = "86420975".toCharArray();
    private static final Duration TOKEN_WAIT = Duration.ofSeconds(10);
    private static final byte[] DATA = "Jag legitimerar mig hos Cosmic".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path folder;
    private static PcscdFixture pcscd;
    private static VirtualSithsCard card;
    private static VpcdCardConnection connection;
    private static Pkcs11Module module;
    private static OpenScFixture openSc;
    private static final List<ApduEvent> answered = new CopyOnWriteArrayList<>();
    private static final ApduListener recorder = answered::add;

    @BeforeAll
    static void insertCardAndLoadOpenSc() throws Exception {
        OpenScFixture.module();
        pcscd = PcscdFixture.acquire();
        TestPki pki = TestPki.openOrCreate(folder.resolve("pki"), Clock.systemUTC());
        card = VirtualSithsCard.builder().withPki(pki).withInitialSecrets(PIN, "135791".toCharArray(), PUK)
                .createFresh();
        card.addListener(recorder);
        connection = pcscd.insert(card, READER);
        module = Pkcs11Module.builder().withLibrary(OPENSC_PKCS11).build();
    }

    @AfterAll
    static void unloadAndRemoveCard() throws IOException {
        if (module != null) {
            module.close();
        }
        if (pcscd != null) {
            pcscd.close();
        }
        if (openSc != null) {
            openSc.close();
        }
    }

    @Test
    @Order(1)
    void whenTokensAreListed_thenTheSithsCardIsInTheVpcdReaderWithBothCertificates() throws Exception {
        Token token = token();

        assertThat(token.info().label()).isEqualTo(VirtualSithsCard.TOKEN_LABEL);
        assertThat(token.slot().description()).contains(PcscdFixture.readerName(READER));
        assertThat(token.certificates()).extracting(TokenCertificate::certificate)
                .containsExactlyInAnyOrder(card.authenticationCertificate(), card.signatureCertificate());
        TokenCertificate identification = identificationCertificate(token);
        assertThat(identification.certificate().getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(identification.certificate().getSubjectX500Principal()
                .getName(X500Principal.RFC2253, Map.of("2.5.4.5", "SERIALNUMBER")))
                .contains("SERIALNUMBER=" + card.holder().hsaId());
    }

    @ParameterizedTest
    @EnumSource(value = SignatureScheme.class, names = "RSA_.*", mode = EnumSource.Mode.MATCH_ANY)
    @Order(2)
    void whenSignedWithTheIdentificationKey_thenTheCertificatesPublicKeyVerifies(SignatureScheme scheme)
            throws Exception {
        Token token = token();
        TokenCertificate identification = identificationCertificate(token);

        startRecording();
        byte[] signature = token.sign(identification, scheme, DATA, PIN);
        List<ApduEvent> sent = recorded();

        Signature verifier = Signature.getInstance(scheme.jcaName());
        if (scheme.isPss()) {
            String hash = scheme.hash().jcaName();
            verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    scheme.hash().length(), 1));
        }
        verifier.initVerify(identification.certificate().getPublicKey());
        verifier.update(DATA);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(pinVerifications(sent)).as("VERIFY with a PIN per signature: %s", sent).isEqualTo(1);
        assertThat(sent).as("one PSO COMPUTE DIGITAL SIGNATURE").filteredOn(OpenScPkcs11IT::isComputeSignature)
                .hasSize(1);
    }

    @Test
    @Order(3)
    void whenPinIsChangedWithSetPin_thenTheNewPinSignsAndNoTryIsUsed() throws Exception {
        Token token = token();
        TokenCertificate identification = identificationCertificate(token);

        startRecording();
        token.changePin(PIN, NEW_PIN);
        List<ApduEvent> sent = recorded();
        try {
            assertThat(sent).filteredOn(e -> e.ins() == 0x24 && e.p2() == VirtualSithsCard.IDENTIFICATION_PIN)
                    .singleElement().extracting(ApduEvent::statusWord).isEqualTo(0x9000);
            try (CardSecrets secrets = card.secrets()) {
                assertThat(secrets.identificationPin()).containsExactly(NEW_PIN);
            }
            assertThat(token.sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA, NEW_PIN)).hasSize(256);
            assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
        } finally {
            token.changePin(NEW_PIN, PIN);
        }
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @Test
    @Order(4)
    void whenPinIsWrong_thenWrongPinCarriesTheCardsCounterAndOnlyOneVerifyIsSent() throws Exception {
        Token token = token();
        TokenCertificate identification = identificationCertificate(token);

        startRecording();
        // OpenSC 0.23's idprime driver does not know the PIN's maximum tries, so it never sets
        // CKF_USER_PIN_COUNT_LOW: with 2 of 3 tries left the flags say nothing; only the last try shows.
        assertThatThrownBy(() -> token.sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA, WRONG_PIN))
                .isInstanceOfSatisfying(WrongPinException.class, e -> {
                    assertThat(e.counter()).isIn(PinCounter.FULL, PinCounter.LOW);
                    assertThat(e.triesLeft()).isEmpty();
                });
        List<ApduEvent> sent = recorded();
        assertThat(pinVerifications(sent)).as("VERIFY with a PIN for one wrong PIN: %s", sent).isEqualTo(1);
        assertThat(sent).filteredOn(OpenScPkcs11IT::isComputeSignature).isEmpty();
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(2);

        assertThatThrownBy(() -> token.sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA, WRONG_PIN))
                .isInstanceOfSatisfying(WrongPinException.class,
                        e -> assertThat(e.triesLeft()).hasValue(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)));
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(1);

        assertThat(token.sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA, PIN)).hasSize(256);
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @Test
    @Order(5)
    void whenCardIsPulledDuringTheSignature_thenTokenRemovedAndTheReinsertedCardSignsWithTheSameModule()
            throws Exception {
        Token token = token();
        TokenCertificate identification = identificationCertificate(token);
        // Thrown on the vpcd thread before the answer is sent: the connection ends with the command
        // unanswered, as when a card leaves the reader mid-command (the JVM prints the exception's one line).
        ApduListener pull = event -> {
            if (isComputeSignature(event)) {
                throw new CardPulled();
            }
        };
        card.addListener(pull);
        startRecording();
        try {
            assertThatThrownBy(() -> token.sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA, PIN))
                    .isInstanceOfSatisfying(TokenRemovedException.class, e -> assertThat(e.retriable()).isTrue());
        } finally {
            card.removeListener(pull);
        }
        List<ApduEvent> sent = recorded();
        assertThat(sent).as("pulled at the signature, after one accepted VERIFY: %s", sent)
                .filteredOn(e -> e.ins() == 0x20 && e.dataLength() > 0).singleElement()
                .extracting(ApduEvent::statusWord).isEqualTo(0x9000);
        assertThat(sent.getLast()).matches(OpenScPkcs11IT::isComputeSignature);
        assertThat(connection.awaitDisconnected(Duration.ofSeconds(5))).isTrue();
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);

        connection = pcscd.insert(card, READER);
        Token again = token();
        startRecording();
        byte[] signature = again.sign(identificationCertificate(again), SignatureScheme.RSA_PKCS1_SHA256, DATA, PIN);
        assertThat(pinVerifications(recorded())).isEqualTo(1);

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(card.authenticationCertificate());
        verifier.update(DATA);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    @Order(6)
    void whenNoUnblockStyleIsConfigured_thenUnblockIsRefusedWithoutACommandToTheCard() throws Exception {
        Token token = token();

        startRecording();
        assertThatThrownBy(() -> token.unblockPin(PUK, NEW_PIN)).isInstanceOf(UnblockNotSupportedException.class);
        assertThat(recorded()).isEmpty();
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
        assertThat(card.triesLeft(VirtualSithsCard.PUK)).isEqualTo(10);
    }

    @Test
    @Order(7)
    void whenOpenScIsConfiguredForSetPinInUnloggedSession_thenThePukUnblocksABlockedPin() throws Exception {
        module.close();
        openSc = OpenScFixture.configure(folder.resolve("opensc"), "user_pin_unblock_style = set_pin_in_unlogged_session;");
        // C_Initialize reads OPENSC_CONF; the earlier module's C_Finalize released OpenSC's context.
        module = Pkcs11Module.builder().withLibrary(OPENSC_PKCS11)
                .withUnblockStyle(UnblockStyle.SET_PIN_IN_UNLOGGED_SESSION).build();
        Token token = token();
        TokenCertificate identification = identificationCertificate(token);
        startRecording();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> token.sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA, WRONG_PIN))
                    .isInstanceOf(WrongPinException.class);
        }
        assertThatThrownBy(() -> token.sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA, WRONG_PIN))
                .isInstanceOf(PinBlockedException.class);
        assertThat(pinVerifications(recorded())).as("one VERIFY per wrong PIN").isEqualTo(3);
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isZero();

        startRecording();
        assertThatThrownBy(() -> token.unblockPin("11111111".toCharArray(), NEW_PIN))
                .isInstanceOf(WrongPukException.class);
        assertThat(recorded()).filteredOn(e -> e.ins() == 0x2C).singleElement()
                .extracting(ApduEvent::statusWord).isEqualTo(0x63C9);
        assertThat(card.triesLeft(VirtualSithsCard.PUK)).isEqualTo(9);
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isZero();

        startRecording();
        token.unblockPin(PUK, NEW_PIN);
        List<ApduEvent> sent = recorded();
        assertThat(sent).filteredOn(e -> e.ins() == 0x2C).singleElement()
                .satisfies(e -> assertThat(e.p2()).isEqualTo(VirtualSithsCard.IDENTIFICATION_PIN))
                .extracting(ApduEvent::statusWord).isEqualTo(0x9000);
        assertThat(pinVerifications(sent)).as("no VERIFY with a PIN while unblocking: %s", sent).isZero();
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
        assertThat(token.sign(identification, SignatureScheme.RSA_PKCS1_SHA256, DATA, NEW_PIN)).hasSize(256);
    }

    /** The token in our vpcd reader, waiting for OpenSC to see it (after an insertion). */
    private static Token token() throws Pkcs11Exception, InterruptedException {
        long deadline = System.nanoTime() + TOKEN_WAIT.toNanos();
        Predicate<Token> inOurReader = t -> t.slot().description().contains(PcscdFixture.readerName(READER));
        while (true) {
            List<Token> tokens = module.tokens();
            for (Token token : tokens) {
                if (inOurReader.test(token)) {
                    return token;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no token in " + PcscdFixture.readerName(READER) + " within " + TOKEN_WAIT
                        + "; tokens: " + tokens.stream().map(t -> t.slot().description()).toList());
            }
            Thread.sleep(100);
        }
    }

    private static TokenCertificate identificationCertificate(Token token) throws Pkcs11Exception {
        return token.certificates().stream()
                .filter(c -> c.certificate().equals(card.authenticationCertificate()))
                .findFirst().orElseThrow(() -> new AssertionError("no identification certificate on the token"));
    }

    /** Forgets the commands recorded so far. */
    private static void startRecording() {
        answered.clear();
    }

    /**
     * The commands the card answered since {@link #startRecording()}: complete once the PKCS#11 call has
     * returned, as the card records each command before its answer leaves.
     */
    private static List<ApduEvent> recorded() {
        return List.copyOf(answered);
    }

    /** VERIFY commands that carry a PIN (a VERIFY without body only asks for the tries left). */
    private static long pinVerifications(List<ApduEvent> events) {
        return events.stream().filter(e -> e.ins() == 0x20 && e.dataLength() > 0).count();
    }

    private static boolean isComputeSignature(ApduEvent event) {
        return event.ins() == 0x2A && event.p1() == 0x9E && event.p2() == 0x9A;
    }

    /** Ends the vpcd connection from inside the card, with the command unanswered. */
    private static final class CardPulled extends RuntimeException {
        CardPulled() {
            super("virtual card pulled out by the test", null, false, false);
        }
    }
}
