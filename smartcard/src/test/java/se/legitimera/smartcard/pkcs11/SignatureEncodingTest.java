package se.legitimera.smartcard.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.junit.jupiter.api.Test;

class SignatureEncodingTest {

    @Test
    void digestInfoIsTheDerThatPkcs1Expects() throws Exception {
        for (HashAlgorithm hash : HashAlgorithm.values()) {
            byte[] digest = hash.digest("abc".getBytes());
            DigestInfo parsed = DigestInfo.getInstance(hash.digestInfo(digest));
            assertThat(parsed.getDigest()).isEqualTo(digest);
            assertThat(parsed.getAlgorithmId().getAlgorithm().getId())
                    .isEqualTo(switch (hash) {
                        case SHA256 -> "2.16.840.1.101.3.4.2.1";
                        case SHA384 -> "2.16.840.1.101.3.4.2.2";
                        case SHA512 -> "2.16.840.1.101.3.4.2.3";
                    });
        }
    }

    @Test
    void digestOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> HashAlgorithm.SHA256.digestInfo(new byte[20]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawEcdsaWithHighBitsBecomesPositiveDerIntegers() throws Exception {
        byte[] raw = HexFormat.of().parseHex("ff".repeat(32) + "00".repeat(31) + "01");
        ASN1Sequence seq = ASN1Sequence.getInstance(EcdsaSignatureEncoding.rawToDer(raw));
        assertThat(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue()).isEqualTo(new BigInteger(1, Arrays.copyOf(raw, 32)));
        assertThat(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void rawEcdsaFromAJcaSignatureRoundTripsThroughDer() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        var pair = g.generateKeyPair();
        Signature signer = Signature.getInstance("SHA384withECDSAinP1363Format");
        signer.initSign(pair.getPrivate());
        signer.update("data".getBytes());
        byte[] raw = signer.sign();
        Signature verifier = Signature.getInstance("SHA384withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update("data".getBytes());
        assertThat(verifier.verify(EcdsaSignatureEncoding.rawToDer(raw))).isTrue();
    }

    @Test
    void oddLengthRawSignatureIsRefused() {
        assertThatThrownBy(() -> EcdsaSignatureEncoding.rawToDer(new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
