package se.legitimera.keycloak.app;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import se.legitimera.keycloak.config.PerRealmProviderFactory;
import se.legitimera.keycloak.config.RealmServers;

/** Serves {@link LegitimeraRealmResource} under {@code /realms/<realm>/legitimera}. */
public final class LegitimeraRealmResourceProviderFactory implements RealmResourceProviderFactory,
        PerRealmProviderFactory<RealmResourceProvider> {

    @Override
    public String getId() {
        return RealmServers.RESOURCE_ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new LegitimeraRealmResource(session);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
