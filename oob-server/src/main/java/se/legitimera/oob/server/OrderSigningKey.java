package se.legitimera.oob.server;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A key the host signs orders with: its own software key (the reference service) or a key it manages
 * elsewhere (Keycloak's realm keys, an HSM). Implementations must be thread-safe.
 */
public interface OrderSigningKey {

    /** The {@code kid} apps find the public key under in the JWK set. */
    String keyId();

    /** The JWS algorithm: ES256, ES384, RS256 or PS256. */
    String algorithm();

    /** The public key, for the JWK set. */
    PublicKey publicKey();

    /**
     * Signs the JWS signing input ({@code base64url(header) . base64url(payload)}, ASCII).
     *
     * @return the JWS signature: for ECDSA the fixed-length R || S concatenation of RFC 7518, not DER
     */
    byte[] sign(byte[] signingInput) throws GeneralSecurityException;

    /**
     * A software key: EC P-256 signs ES256, P-384 ES384, RSA PS256.
     *
     * @throws IllegalArgumentException for another kind of key, or keys that do not belong together
     */
    static OrderSigningKey software(String keyId, PrivateKey privateKey, PublicKey publicKey) {
        return new SoftwareOrderSigningKey(keyId, privateKey, publicKey);
    }
}
