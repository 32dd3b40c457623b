package se.legitimera.keycloak.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import se.legitimera.oob.server.OrderKeys;
import se.legitimera.oob.server.OrderSigningException;
import se.legitimera.oob.server.OrderSigningKey;
import se.legitimera.oob.server.PublishedKey;

/**
 * Orders signed with the realm's own signature keys, which Keycloak manages (Realm settings, Keys): the
 * active key of the configured algorithm signs, and the JWK set publishes every enabled key of that
 * algorithm, active and passive, so that an order signed just before a rotation still verifies and the
 * app finds each order's {@code kid}. Nothing of the key is copied out of Keycloak's key manager.
 *
 * <p>One instance per request (it holds the request's session).
 */
public final class RealmOrderKeys implements OrderKeys {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String algorithm;

    /** @param algorithm ES256, ES384, RS256 or PS256: the realm needs a key provider for it */
    public RealmOrderKeys(KeycloakSession session, RealmModel realm, String algorithm) {
        this.session = session;
        this.realm = realm;
        this.algorithm = switch (algorithm) {
            case "ES256", "ES384", "RS256", "PS256" -> algorithm;
            default -> throw new IllegalArgumentException("order-signing algorithm must be ES256, ES384, RS256 or PS256: " + algorithm);
        };
    }

    @Override
    public OrderSigningKey current() throws OrderSigningException {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, algorithm);
        if (key == null || !(key.getPrivateKey() instanceof PrivateKey privateKey)
                || !(key.getPublicKey() instanceof PublicKey publicKey)) {
            throw new OrderSigningException("realm " + realm.getName() + " has no active " + algorithm
                    + " signature key (add a key provider for it under Realm settings, Keys)");
        }
        return new RealmKey(key.getKid(), algorithm, privateKey, publicKey);
    }

    @Override
    public List<PublishedKey> published() {
        return session.keys().getKeysStream(realm, KeyUse.SIG, algorithm)
                .filter(k -> k.getStatus() != null && k.getStatus().isEnabled())
                .filter(k -> k.getPublicKey() instanceof PublicKey)
                .map(k -> new PublishedKey(k.getKid(), algorithm, (PublicKey) k.getPublicKey()))
                .toList();
    }

    private record RealmKey(String keyId, String algorithm, PrivateKey privateKey, PublicKey publicKey)
            implements OrderSigningKey {

        @Override
        public byte[] sign(byte[] signingInput) throws GeneralSecurityException {
            Signature signature = switch (algorithm) {
                case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                case "ES384" -> Signature.getInstance("SHA384withECDSAinP1363Format");
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                default -> throw new GeneralSecurityException("unsupported order-signing algorithm " + algorithm);
            };
            signature.initSign(privateKey);
            signature.update(signingInput);
            return signature.sign();
        }

        @Override
        public String toString() {
            return "RealmKey[" + keyId + ", " + algorithm + "]";
        }
    }
}
