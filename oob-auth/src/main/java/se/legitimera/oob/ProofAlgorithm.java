package se.legitimera.oob;

/**
 * Signature algorithms a {@link ProofSigner} is asked to compute, named as in JWS. The client picks one
 * from the type of the certificate's key: RSA keys get {@link #RS256} (or {@link #PS256} when configured),
 * EC P-256 keys {@link #ES256}, P-384 keys {@link #ES384}.
 */
public enum ProofAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256 over the signing input. */
    RS256("SHA256withRSA"),
    /** RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt. */
    PS256("RSASSA-PSS"),
    /** ECDSA P-256 with SHA-256; the signature is the 64-byte R||S concatenation (as PKCS#11 returns it). */
    ES256("SHA256withECDSAinP1363Format"),
    /** ECDSA P-384 with SHA-384; the signature is the 96-byte R||S concatenation. */
    ES384("SHA384withECDSAinP1363Format");

    private final String jcaName;

    ProofAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    /** The JCA {@code Signature} name computing exactly this (PS256 needs its PSSParameterSpec too). */
    public String jcaName() {
        return jcaName;
    }
}
