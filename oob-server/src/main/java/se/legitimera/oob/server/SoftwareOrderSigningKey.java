package se.legitimera.oob.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Objects;

/** {@link OrderSigningKey} over a private key in this JVM. Immutable and thread-safe. */
final class SoftwareOrderSigningKey implements OrderSigningKey {

    private final String keyId;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String algorithm;

    SoftwareOrderSigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.algorithm = switch (privateKey) {
            case ECKey ec when ec.getParams().getCurve().getField().getFieldSize() == 256 -> "ES256";
            case ECKey ec when ec.getParams().getCurve().getField().getFieldSize() == 384 -> "ES384";
            case RSAKey rsa when rsa.getModulus().bitLength() >= 2048 -> "PS256";
            default -> throw new IllegalArgumentException("order keys are EC P-256, P-384 or RSA of at least 2048 bits");
        };
        try {
            byte[] probe = "legitimera order key probe".getBytes(StandardCharsets.US_ASCII);
            Signature verifier = JwsSignatures.forAlgorithm(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(sign(probe))) {
                throw new IllegalArgumentException("the public key does not belong to the private key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable order key: " + e.getMessage(), e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] signingInput) throws GeneralSecurityException {
        Signature signature = JwsSignatures.forAlgorithm(algorithm);
        signature.initSign(privateKey);
        signature.update(signingInput);
        return signature.sign();
    }

    /** The JCA signatures that produce JWS signatures directly (P1363 form for ECDSA). */
    static final class JwsSignatures {
        private JwsSignatures() {
        }

        static Signature forAlgorithm(String algorithm) throws GeneralSecurityException {
            return switch (algorithm) {
                case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                case "ES384" -> Signature.getInstance("SHA384withECDSAinP1363Format");
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                default -> throw new GeneralSecurityException("no JWS algorithm " + algorithm);
            };
        }
    }
}
