package se.legitimera.oob.server;

import java.security.PublicKey;
import java.util.Objects;

/**
 * A public key of the service's JWK set ({@code GET /.well-known/legitimera/jwks.json}).
 *
 * @param keyId     its {@code kid}
 * @param algorithm its JWS algorithm
 * @param publicKey the key (EC or RSA)
 */
public record PublishedKey(String keyId, String algorithm, PublicKey publicKey) {

    public PublishedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
