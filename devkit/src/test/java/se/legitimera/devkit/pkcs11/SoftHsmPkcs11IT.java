package se.legitimera.devkit.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.legitimera.smartcard.pkcs11.KeyAlgorithm;
import se.legitimera.smartcard.pkcs11.MechanismNotSupportedException;
import se.legitimera.smartcard.pkcs11.PinCounter;
import se.legitimera.smartcard.pkcs11.PinLengthException;
import se.legitimera.smartcard.pkcs11.Pkcs11Module;
import se.legitimera.smartcard.pkcs11.SignatureScheme;
import se.legitimera.smartcard.pkcs11.Token;
import se.legitimera.smartcard.pkcs11.TokenCertificate;
import se.legitimera.smartcard.pkcs11.UnblockNotSupportedException;
import se.legitimera.smartcard.pkcs11.UnblockStyle;
import se.legitimera.smartcard.pkcs11.WrongPinException;
import se.legitimera.smartcard.pkcs11.WrongPukException;

/** The JNA PKCS#11 binding against a real module: SoftHSM2 with its own token. */
class SoftHsmPkcs11IT {

    private static SoftHsmToken softHsm;
    private static Pkcs11Module module;
    private static Token token;

    @BeforeAll
    static void createToken() throws Exception {
        softHsm = SoftHsmToken.create();
        module = Pkcs11Module.builder().withLibrary(SoftHsmToken.MODULE)
                .withUnblockStyle(UnblockStyle.INIT_PIN_IN_SO_SESSION).build();
        token = module.tokens().stream().filter(t -> {
            try {
                return t.info().label().equals(SoftHsmToken.LABEL);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).findFirst().orElseThrow();
    }

    @AfterAll
    static void removeToken() throws Exception {
        if (module != null) {
            module.close();
        }
        if (softHsm != null) {
            softHsm.close();
        }
    }

    @Test
    void moduleTellsItsNameAndVersion() {
        assertThat(module.info().manufacturer()).containsIgnoringCase("SoftHSM");
        assertThat(module.info().cryptokiVersion()).matches("\\d+\\.\\d+");
    }

    @Test
    void tokenListsItsCertificatesWithTheirIds() throws Exception {
        List<TokenCertificate> certificates = token.certificates();
        assertThat(certificates).extracting(TokenCertificate::label).containsExactlyInAnyOrder("auth", "sign", "ec");
        TokenCertificate auth = certificate("auth");
        assertThat(auth.idHex()).isEqualTo("01");
        assertThat(auth.certificate()).isEqualTo(softHsm.identity("auth").certificate());
        assertThat(token.slot().description()).isNotBlank();
    }

    @Test
    void sameTokenInstanceAcrossListings() throws Exception {
        assertThat(module.tokens()).contains(token);
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void signatureVerifiesWithTheCertificatesPublicKey(SignatureScheme scheme) throws Exception {
        List<String> labels = scheme.keyAlgorithm() == KeyAlgorithm.EC ? List.of("ec") : List.of("auth", "sign");
        for (String label : labels) {
            byte[] data = ("to be signed by " + label + " with " + scheme).getBytes();
            TokenCertificate certificate = certificate(label);
            byte[] signature = token.sign(certificate, scheme, data, SoftHsmToken.USER_PIN);
            Signature verifier = Signature.getInstance(scheme.jcaName());
            if (scheme.isPss()) {
                String hash = scheme.hash().jcaName();
                verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), scheme.hash().length(), 1));
            }
            verifier.initVerify(certificate.certificate().getPublicKey());
            verifier.update(data);
            assertThat(verifier.verify(signature)).as(label + " " + scheme).isTrue();
        }
    }

    @Test
    void whenWrongPin_thenWrongPinIsReportedWithTheCounter() throws Exception {
        assertThatThrownBy(() -> token.sign(certificate("auth"), SignatureScheme.RSA_PKCS1_SHA256, new byte[] {1},
                "999999".toCharArray()))
                .isInstanceOfSatisfying(WrongPinException.class, e -> assertThat(e.counter()).isIn(PinCounter.values()));
        // The right PIN still works afterwards: no leftover login or operation state.
        assertThat(token.sign(certificate("auth"), SignatureScheme.RSA_PKCS1_SHA256, new byte[] {1}, SoftHsmToken.USER_PIN))
                .hasSize(256);
    }

    @Test
    void whenKeyIsEc_thenRsaSchemeIsRefusedBeforeSigning() {
        assertThatThrownBy(() -> token.sign(certificate("ec"), SignatureScheme.RSA_PKCS1_SHA256, new byte[] {1},
                SoftHsmToken.USER_PIN)).isInstanceOf(MechanismNotSupportedException.class);
    }

    @Test
    void pinChangeTakesEffectAndCanBeChangedBack() throws Exception {
        char[] newPin = "654321".toCharArray();
        token.changePin(SoftHsmToken.USER_PIN, newPin);
        try {
            assertThatThrownBy(() -> token.sign(certificate("ec"), SignatureScheme.ECDSA_SHA256, new byte[] {1},
                    SoftHsmToken.USER_PIN)).isInstanceOf(WrongPinException.class);
            assertThat(token.sign(certificate("ec"), SignatureScheme.ECDSA_SHA256, new byte[] {1}, newPin)).isNotEmpty();
        } finally {
            token.changePin(newPin, SoftHsmToken.USER_PIN);
        }
    }

    @Test
    void whenOldPinIsWrong_thenPinChangeIsRefusedAsWrongPin() {
        assertThatThrownBy(() -> token.changePin("000000".toCharArray(), "111111".toCharArray()))
                .isInstanceOf(WrongPinException.class);
    }

    @Test
    void whenNewPinIsTooShort_thenPinLengthIsReported() {
        assertThatThrownBy(() -> token.changePin(SoftHsmToken.USER_PIN, "1".toCharArray()))
                .isInstanceOf(PinLengthException.class);
    }

    @Test
    void unblockWithSoPinSetsANewUserPin() throws Exception {
        char[] newPin = "246810".toCharArray();
        token.unblockPin(SoftHsmToken.SO_PIN, newPin);
        try {
            assertThat(token.sign(certificate("ec"), SignatureScheme.ECDSA_SHA384, new byte[] {2}, newPin)).isNotEmpty();
        } finally {
            token.changePin(newPin, SoftHsmToken.USER_PIN);
        }
    }

    @Test
    void whenPukIsWrong_thenWrongPukIsReported() {
        assertThatThrownBy(() -> token.unblockPin("00000000".toCharArray(), "246810".toCharArray()))
                .isInstanceOf(WrongPukException.class);
    }

    @Test
    void whenNoUnblockStyleIsConfigured_thenNothingIsSentAndUnsupportedIsReported() throws Exception {
        try (Pkcs11Module plain = Pkcs11Module.builder().withLibrary(SoftHsmToken.MODULE).build()) {
            Token same = plain.tokens().getFirst();
            assertThatThrownBy(() -> same.unblockPin(SoftHsmToken.SO_PIN, "246810".toCharArray()))
                    .isInstanceOf(UnblockNotSupportedException.class);
        }
    }

    private static TokenCertificate certificate(String label) throws Exception {
        return token.certificates().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
    }
}
