package se.legitimera.keycloak.ciba;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.ciba.resolvers.CIBALoginUserResolver;
import org.keycloak.protocol.oidc.grants.ciba.resolvers.CIBALoginUserResolverFactory;
import se.legitimera.keycloak.config.PerRealmProviderFactory;

/**
 * Registers {@link HsaIdLoginUserResolver} as the SPI {@code ciba-login-user-resolver}'s provider
 * {@code legitimera-hsa-id}, the default once installed (order above Keycloak's resolver);
 * {@code --spi-ciba-login-user-resolver--provider=default-ciba-login-user-resolver} chooses Keycloak's again.
 */
public final class HsaIdLoginUserResolverFactory implements CIBALoginUserResolverFactory,
        PerRealmProviderFactory<CIBALoginUserResolver> {

    public static final String ID = "legitimera-hsa-id";

    @Override
    public CIBALoginUserResolver create(KeycloakSession session) {
        return new HsaIdLoginUserResolver(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 1;
    }
}
