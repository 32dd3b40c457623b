package se.legitimera.oob.server;

import java.util.List;
import java.util.Objects;

/**
 * Where {@link OobServer} gets the key for the next order and the keys it publishes. A host with key
 * rotation (Keycloak) answers {@link #current()} with its active key and {@link #published()} with the active
 * and the still-valid older ones, so that an order signed just before a rotation still verifies.
 * Thread-safe; asked for every order.
 */
public interface OrderKeys {

    /** The key the next order (or host token) is signed with. */
    OrderSigningKey current() throws OrderSigningException;

    /** The keys of the JWK set, the current one among them. */
    List<PublishedKey> published();

    /** One fixed key, current and only published one. */
    static OrderKeys of(OrderSigningKey key) {
        Objects.requireNonNull(key, "key");
        List<PublishedKey> published = List.of(new PublishedKey(key.keyId(), key.algorithm(), key.publicKey()));
        return new OrderKeys() {
            @Override
            public OrderSigningKey current() {
                return key;
            }

            @Override
            public List<PublishedKey> published() {
                return published;
            }
        };
    }
}
