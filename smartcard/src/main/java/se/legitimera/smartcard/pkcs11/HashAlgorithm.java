package se.legitimera.smartcard.pkcs11;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash functions Legitimera signs with, and what PKCS#1 v1.5 and PSS need to know about each. */
public enum HashAlgorithm {
    SHA256("SHA-256", 32, "3031300d060960864801650304020105000420", Ck.CKM_SHA256, Ck.CKG_MGF1_SHA256),
    SHA384("SHA-384", 48, "3041300d060960864801650304020205000430", Ck.CKM_SHA384, Ck.CKG_MGF1_SHA384),
    SHA512("SHA-512", 64, "3051300d060960864801650304020305000440", Ck.CKM_SHA512, Ck.CKG_MGF1_SHA512);

    private final String jcaName;
    private final int length;
    private final byte[] digestInfoPrefix;
    private final long pkcs11Mechanism;
    private final long pkcs11Mgf1;

    HashAlgorithm(String jcaName, int length, String digestInfoPrefix, long pkcs11Mechanism, long pkcs11Mgf1) {
        this.jcaName = jcaName;
        this.length = length;
        this.digestInfoPrefix = HexFormat.of().parseHex(digestInfoPrefix);
        this.pkcs11Mechanism = pkcs11Mechanism;
        this.pkcs11Mgf1 = pkcs11Mgf1;
    }

    /** The JCA name, e.g. "SHA-256". */
    public String jcaName() {
        return jcaName;
    }

    /** Digest length in bytes. */
    public int length() {
        return length;
    }

    /** Hashes {@code data} with this algorithm. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + jcaName, e);
        }
    }

    /** DER DigestInfo { AlgorithmIdentifier(hash, NULL), OCTET STRING digest } for PKCS#1 v1.5. */
    public byte[] digestInfo(byte[] digest) {
        if (digest.length != length) {
            throw new IllegalArgumentException(jcaName + " digest must be " + length + " bytes, not " + digest.length);
        }
        byte[] out = new byte[digestInfoPrefix.length + length];
        System.arraycopy(digestInfoPrefix, 0, out, 0, digestInfoPrefix.length);
        System.arraycopy(digest, 0, out, digestInfoPrefix.length, length);
        return out;
    }

    long pkcs11Mechanism() {
        return pkcs11Mechanism;
    }

    long pkcs11Mgf1() {
        return pkcs11Mgf1;
    }
}
