package se.legitimera.oob.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.legitimera.oob.ProofAlgorithm;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.ProofSigningException.Reason;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardCommunicationException;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.SignatureResult;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.pkcs11.SignatureScheme;

class CardProofSignerTest {

    private static final byte[] INPUT = "header.claims".getBytes(StandardCharsets.US_ASCII);

    static KeyPair rsa;
    static KeyPair ec;
    static CardCertificate identification;
    static CardCertificate signature;
    static CardCertificate ecIdentification;

    @BeforeAll
    static void issue() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
        identification = new CardCertificate("kxc00", certificate(rsa, KeyUsage.digitalSignature), 0x56,
                PinKind.IDENTIFICATION);
        signature = new CardCertificate("ksc01", certificate(rsa, KeyUsage.nonRepudiation), 0x57, PinKind.SIGNATURE);
        ecIdentification = new CardCertificate("kxc00", certificate(ec, KeyUsage.digitalSignature), 0x56,
                PinKind.IDENTIFICATION);
    }

    private static X509Certificate certificate(KeyPair keys, int usage) throws Exception {
        X500Name name = new X500Name("CN=Tolvan Tolvansson,SERIALNUMBER=TSTNMT2321000156-1024");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name,
                keys.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        String algorithm = keys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
    }

    /** A card that answers from a script and records what it was asked. */
    static final class ScriptedKeys implements CardKeys {
        interface Answer {
            SignatureResult answer(SignatureScheme scheme, byte[] data) throws SmartcardException;
        }

        final Answer answer;
        final List<SignatureScheme> schemes = new ArrayList<>();
        char[] pinSeen;
        char[] pinArray;

        ScriptedKeys(Answer answer) {
            this.answer = answer;
        }

        @Override
        public List<CardCertificate> certificates() {
            return List.of(identification, signature);
        }

        @Override
        public SignatureResult sign(CardCertificate certificate, SignatureScheme scheme, byte[] data, char[] pin)
                throws SmartcardException {
            schemes.add(scheme);
            pinSeen = pin.clone();
            pinArray = pin;
            return answer.answer(scheme, data);
        }
    }

    private static SignatureResult jcaSigned(KeyPair keys, String algorithm, byte[] data) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(keys.getPrivate());
        signer.update(data);
        return SignatureResult.signed(signer.sign());
    }

    private static ProofSigningException failure(ScriptedKeys keys) {
        CardProofSigner signer = CardProofSigner.withPin(keys, identification, List.of(), "123456".toCharArray());
        try {
            signer.sign(ProofAlgorithm.RS256, INPUT);
        } catch (ProofSigningException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    @Test
    void whenCardSignsRs256_thenPkcs1Sha256IsAskedAndTheSignatureVerifies() throws Exception {
        ScriptedKeys keys = new ScriptedKeys((scheme, data) -> {
            try {
                return jcaSigned(rsa, "SHA256withRSA", data);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        char[] pin = "123456".toCharArray();
        CardProofSigner signer = CardProofSigner.withPin(keys, identification, List.of(), pin);

        byte[] signed = signer.sign(ProofAlgorithm.RS256, INPUT);

        assertThat(keys.schemes).containsExactly(SignatureScheme.RSA_PKCS1_SHA256);
        assertThat(keys.pinSeen).containsExactly('1', '2', '3', '4', '5', '6');
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsa.getPublic());
        verifier.update(INPUT);
        assertThat(verifier.verify(signed)).isTrue();
        assertThat(pin).as("the caller's array is the caller's").containsExactly('1', '2', '3', '4', '5', '6');
        assertThat(keys.pinArray).as("the signer's copy is wiped").containsOnly('\0');
    }

    @Test
    void whenPs256IsAsked_thenPssSha256IsUsed() throws Exception {
        ScriptedKeys keys = new ScriptedKeys((scheme, data) -> SignatureResult.signed(new byte[256]));
        CardProofSigner.withPin(keys, identification, List.of(), "123456".toCharArray()).sign(ProofAlgorithm.PS256, INPUT);
        assertThat(keys.schemes).containsExactly(SignatureScheme.RSA_PSS_SHA256);
    }

    @Test
    void whenCardSignsEs256_thenTheDerSignatureBecomesRConcatS() throws Exception {
        ScriptedKeys keys = new ScriptedKeys((scheme, data) -> {
            try {
                return jcaSigned(ec, "SHA256withECDSA", data);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        byte[] signed = CardProofSigner.withPin(keys, ecIdentification, List.of(), "123456".toCharArray())
                .sign(ProofAlgorithm.ES256, INPUT);

        assertThat(keys.schemes).containsExactly(SignatureScheme.ECDSA_SHA256);
        assertThat(signed).hasSize(64);
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(ec.getPublic());
        verifier.update(INPUT);
        assertThat(verifier.verify(signed)).isTrue();
    }

    @Test
    void whenPinIsWrong_thenWrongPinWithTriesLeft() {
        ProofSigningException e = failure(new ScriptedKeys((s, d) ->
                SignatureResult.notSigned(PinResult.of(PinStatus.WRONG_PIN, 2))));
        assertThat(e.reason()).isEqualTo(Reason.WRONG_PIN);
        assertThat(e.triesLeft()).hasValue(2);
    }

    @Test
    void whenLastTryIsWrong_thenPinBlocked() {
        ProofSigningException e = failure(new ScriptedKeys((s, d) ->
                SignatureResult.notSigned(PinResult.of(PinStatus.WRONG_PIN, 0))));
        assertThat(e.reason()).isEqualTo(Reason.PIN_BLOCKED);
    }

    @Test
    void whenPinIsBlocked_thenPinBlocked() {
        assertThat(failure(new ScriptedKeys((s, d) -> SignatureResult.notSigned(PinStatus.PIN_BLOCKED))).reason())
                .isEqualTo(Reason.PIN_BLOCKED);
    }

    @Test
    void whenCardIsRemovedDuringSigning_thenNoCardAndNotWrongPin() {
        assertThat(failure(new ScriptedKeys((s, d) -> SignatureResult.notSigned(PinStatus.CARD_REMOVED))).reason())
                .isEqualTo(Reason.NO_CARD);
        assertThat(failure(new ScriptedKeys((s, d) -> {
            throw new CardRemovedException("removed");
        })).reason()).isEqualTo(Reason.NO_CARD);
        assertThat(failure(new ScriptedKeys((s, d) -> {
            throw new NoCardException("no card");
        })).reason()).isEqualTo(Reason.NO_CARD);
    }

    @Test
    void whenCardFailsOtherwise_thenCardError() {
        assertThat(failure(new ScriptedKeys((s, d) -> {
            throw new CardCommunicationException("reader error", null);
        })).reason()).isEqualTo(Reason.CARD_ERROR);
        assertThat(failure(new ScriptedKeys((s, d) -> SignatureResult.notSigned(PinStatus.NOT_SUPPORTED))).reason())
                .isEqualTo(Reason.CARD_ERROR);
    }

    @Test
    void whenPinFormatIsInvalid_thenWrongPinWithoutTries() {
        ProofSigningException e = failure(new ScriptedKeys((s, d) -> SignatureResult.notSigned(PinStatus.INVALID_FORMAT)));
        assertThat(e.reason()).isEqualTo(Reason.WRONG_PIN);
        assertThat(e.triesLeft()).isEmpty();
    }

    @Test
    void whenSignerIsUsedTwice_thenThePinIsNotSentAgain() throws Exception {
        ScriptedKeys keys = new ScriptedKeys((s, d) -> SignatureResult.notSigned(PinResult.of(PinStatus.WRONG_PIN, 2)));
        CardProofSigner signer = CardProofSigner.withPin(keys, identification, List.of(), "123456".toCharArray());
        assertThatThrownBy(() -> signer.sign(ProofAlgorithm.RS256, INPUT)).isInstanceOf(ProofSigningException.class);

        assertThatThrownBy(() -> signer.sign(ProofAlgorithm.RS256, INPUT)).isInstanceOf(IllegalStateException.class);
        assertThat(keys.schemes).hasSize(1);
    }

    @Test
    void whenPinSourceCancels_thenTheCardIsNotAsked() {
        ScriptedKeys keys = new ScriptedKeys((s, d) -> SignatureResult.signed(new byte[1]));
        CardProofSigner signer = CardProofSigner.withPinSource(keys, identification, List.of(), () -> {
            throw new ProofSigningException(Reason.CANCELLED, "cancelled");
        });
        assertThatThrownBy(() -> signer.sign(ProofAlgorithm.RS256, INPUT))
                .isInstanceOfSatisfying(ProofSigningException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
        assertThat(keys.schemes).isEmpty();
    }

    @Test
    void whenCertificatesArePicked_thenTheIdentificationOneWithoutNonRepudiationIsChosen() throws Exception {
        assertThat(CardProofSigner.identificationCertificate(List.of(signature, identification))).contains(identification);
        CardCertificate both = new CardCertificate("kxc02",
                certificate(rsa, KeyUsage.digitalSignature | KeyUsage.nonRepudiation), 0x58, PinKind.IDENTIFICATION);
        assertThat(CardProofSigner.identificationCertificate(List.of(signature, both))).isEmpty();
    }

    @Test
    void whenIssuersAreGiven_thenTheChainIsCardCertificateThenIssuers() throws Exception {
        X509Certificate issuer = signature.x509();
        CardProofSigner signer = CardProofSigner.withPin(new ScriptedKeys((s, d) -> null), identification,
                List.of(issuer), "1".toCharArray());
        assertThat(signer.certificateChain()).containsExactly(identification.x509(), issuer);
    }

    @Test
    void whenCertificateIsTheSignatureOne_thenItIsRefused() {
        assertThatThrownBy(() -> CardProofSigner.withPin(new ScriptedKeys((s, d) -> null), signature, List.of(),
                "1".toCharArray())).isInstanceOf(IllegalArgumentException.class);
    }
}
