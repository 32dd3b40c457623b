package se.legitimera.keycloak.ciba;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.grants.ciba.channel.AuthenticationChannelProvider;
import org.keycloak.protocol.oidc.grants.ciba.channel.AuthenticationChannelProviderFactory;
import se.legitimera.keycloak.config.PerRealmProviderFactory;

/**
 * Registers {@link LegitimeraAuthenticationChannel} as the SPI {@code ciba-auth-channel}'s provider
 * {@code legitimera}. Its order above Keycloak's HTTP channel (order 0) makes it the default once the jar is
 * installed; {@code --spi-ciba-auth-channel--provider=ciba-http-auth-channel} chooses Keycloak's again.
 */
public final class LegitimeraAuthenticationChannelFactory implements AuthenticationChannelProviderFactory,
        PerRealmProviderFactory<AuthenticationChannelProvider> {

    public static final String ID = "legitimera";

    @Override
    public AuthenticationChannelProvider create(KeycloakSession session) {
        return new LegitimeraAuthenticationChannel(session);
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
