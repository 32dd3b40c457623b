package se.legitimera.keycloak.config;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/**
 * A factory of the extension: every setting lives in a realm (the Legitimera step's configuration, the realm's
 * CIBA policy) and every piece of state in Keycloak's stores, so the factory reads no server-wide options,
 * starts nothing and holds nothing to close.
 */
public interface PerRealmProviderFactory<T extends Provider> extends ProviderFactory<T> {

    @Override
    default void init(Config.Scope config) {
        // no server-wide options
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
        // nothing to start
    }

    @Override
    default void close() {
        // nothing held
    }
}
