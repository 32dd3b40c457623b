package se.legitimera.devkit.card;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/** The IDPrime signature algorithm references the card accepts in MSE SET, and the signing itself. */
enum SignatureAlgorithm {
    /** PKCS#1 v1.5 over the data as sent (the host built the DigestInfo, or signs raw). */
    RSA_PKCS1_RAW(0x02, 0, null),
    RSA_PKCS1_SHA256(0x42, 32, NISTObjectIdentifiers.id_sha256),
    RSA_PKCS1_SHA384(0x52, 48, NISTObjectIdentifiers.id_sha384),
    RSA_PKCS1_SHA512(0x62, 64, NISTObjectIdentifiers.id_sha512),
    RSA_PSS_SHA256(0x45, 32, NISTObjectIdentifiers.id_sha256),
    RSA_PSS_SHA384(0x55, 48, NISTObjectIdentifiers.id_sha384),
    RSA_PSS_SHA512(0x65, 64, NISTObjectIdentifiers.id_sha512);

    private final int reference;
    private final int hashLength;
    private final ASN1ObjectIdentifier hash;

    SignatureAlgorithm(int reference, int hashLength, ASN1ObjectIdentifier hash) {
        this.reference = reference;
        this.hashLength = hashLength;
        this.hash = hash;
    }

    static SignatureAlgorithm byReference(int reference) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.reference == reference) {
                return algorithm;
            }
        }
        return null;
    }

    /** Whether PSO HASH may hand over this input: the hash length, or for raw PKCS#1 what fits the key. */
    boolean accepts(byte[] input, PrivateKey key) {
        if (this == RSA_PKCS1_RAW) {
            int modulusBytes = (((RSAPrivateKey) key).getModulus().bitLength() + 7) / 8;
            return input.length > 0 && input.length <= modulusBytes - 11;
        }
        return input.length == hashLength;
    }

    byte[] sign(PrivateKey key, byte[] input, SecureRandom random) throws GeneralSecurityException {
        try {
            return switch (this) {
                case RSA_PKCS1_RAW -> pkcs1(key, input);
                case RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512 ->
                        pkcs1(key, new DigestInfo(new AlgorithmIdentifier(hash, DERNull.INSTANCE), input).getEncoded());
                case RSA_PSS_SHA256, RSA_PSS_SHA384, RSA_PSS_SHA512 -> pss(key, input, random);
            };
        } catch (IOException | CryptoException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static byte[] pkcs1(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("NONEwithRSA");
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    /** EMSA-PSS over a hash computed by the host: MGF1 with the same hash, salt length = hash length. */
    private byte[] pss(PrivateKey key, byte[] digest, SecureRandom random) throws IOException, CryptoException {
        PSSSigner signer = PSSSigner.createRawSigner(new RSABlindedEngine(), digest(), digest(), hashLength, (byte) 0xBC);
        signer.init(true, new ParametersWithRandom(PrivateKeyFactory.createKey(key.getEncoded()), random));
        signer.update(digest, 0, digest.length);
        return signer.generateSignature();
    }

    private Digest digest() {
        return switch (hashLength) {
            case 32 -> new SHA256Digest();
            case 48 -> new SHA384Digest();
            default -> new SHA512Digest();
        };
    }
}
