package se.legitimera.smartcard.pkcs11;

/**
 * How a token key signs: padding (or ECDSA) plus hash. The output of every scheme is what a JCA
 * {@link java.security.Signature} of {@link #jcaName()} verifies (ECDSA in DER).
 */
public enum SignatureScheme {
    RSA_PKCS1_SHA256(KeyAlgorithm.RSA, HashAlgorithm.SHA256, "SHA256withRSA"),
    RSA_PKCS1_SHA384(KeyAlgorithm.RSA, HashAlgorithm.SHA384, "SHA384withRSA"),
    RSA_PKCS1_SHA512(KeyAlgorithm.RSA, HashAlgorithm.SHA512, "SHA512withRSA"),
    RSA_PSS_SHA256(KeyAlgorithm.RSA, HashAlgorithm.SHA256, "RSASSA-PSS"),
    RSA_PSS_SHA384(KeyAlgorithm.RSA, HashAlgorithm.SHA384, "RSASSA-PSS"),
    RSA_PSS_SHA512(KeyAlgorithm.RSA, HashAlgorithm.SHA512, "RSASSA-PSS"),
    ECDSA_SHA256(KeyAlgorithm.EC, HashAlgorithm.SHA256, "SHA256withECDSA"),
    ECDSA_SHA384(KeyAlgorithm.EC, HashAlgorithm.SHA384, "SHA384withECDSA"),
    ECDSA_SHA512(KeyAlgorithm.EC, HashAlgorithm.SHA512, "SHA512withECDSA");

    private final KeyAlgorithm keyAlgorithm;
    private final HashAlgorithm hash;
    private final String jcaName;

    SignatureScheme(KeyAlgorithm keyAlgorithm, HashAlgorithm hash, String jcaName) {
        this.keyAlgorithm = keyAlgorithm;
        this.hash = hash;
        this.jcaName = jcaName;
    }

    public KeyAlgorithm keyAlgorithm() {
        return keyAlgorithm;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** JCA signature name; for PSS set {@code PSSParameterSpec(hash, "MGF1", hash, hash length, 1)}. */
    public String jcaName() {
        return jcaName;
    }

    public boolean isPss() {
        return name().startsWith("RSA_PSS");
    }

    /** The usual scheme for a key: PKCS#1 v1.5 for RSA (what SITHS relying parties expect), ECDSA for EC. */
    public static SignatureScheme defaultFor(KeyAlgorithm key, HashAlgorithm hash) {
        for (SignatureScheme s : values()) {
            if (s.keyAlgorithm == key && s.hash == hash && !s.isPss()) {
                return s;
            }
        }
        throw new IllegalArgumentException("no scheme for " + key + " with " + hash);
    }
}
