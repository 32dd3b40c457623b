package se.legitimera.keycloak.config;

import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import se.legitimera.keycloak.ciba.CibaCompletion;
import se.legitimera.keycloak.keys.RealmOrderKeys;
import se.legitimera.keycloak.store.KeycloakOrderStore;
import se.legitimera.keycloak.store.KeycloakPollSessionStore;
import se.legitimera.keycloak.store.KeycloakSingleUseStore;
import se.legitimera.oob.server.OobServer;

/**
 * Builds the {@code oob-server} of a realm for one Keycloak request: the realm's service URL, its
 * Keycloak-managed signing keys, Keycloak's cluster-wide stores and the authenticator configuration the
 * order was started with; a CIBA request waiting for an order is finished when the order is
 * ({@link CibaCompletion}). Nothing is cached between requests: the stores are the state, and a changed
 * configuration applies to the next request.
 */
public final class RealmServers {

    /** The authenticator's provider id, also the flow step's id in realm JSON. */
    public static final String AUTHENTICATOR_ID = "legitimera-siths";
    /** The realm resource's id: the app API lives under {@code /realms/<realm>/legitimera}. */
    public static final String RESOURCE_ID = "legitimera";
    /** The order's host attribute naming the authenticator configuration it was started with. */
    public static final String CONFIG_ATTRIBUTE = "configId";

    private static final Logger LOG = Logger.getLogger(RealmServers.class);

    private RealmServers() {
    }

    /** {@code <base>/realms/<realm>/legitimera}: the orders' {@code iss} and the proofs' {@code aud}. */
    public static URI serviceUrl(KeycloakSession session, RealmModel realm) {
        URI base = session.getContext().getUri().getBaseUri();
        return UriBuilder.fromUri(base).path("realms").path(realm.getName()).path(RESOURCE_ID).build();
    }

    /** A Legitimera configuration of a realm, read, with the id orders name it by ({@link #CONFIG_ATTRIBUTE}). */
    public record Configured(String id, LegitimeraConfig config) {
    }

    /** The server for a configuration of this realm. */
    public static OobServer server(KeycloakSession session, RealmModel realm, LegitimeraConfig config) {
        Clock clock = Clock.systemUTC();
        OobServer.Builder builder = OobServer.builder()
                .withClock(clock)
                .withServiceUrl(serviceUrl(session, realm).toString())
                .withOrderKeys(new RealmOrderKeys(session, realm, config.signingAlgorithm()))
                .withOrderStore(new KeycloakOrderStore(session, realm.getId(), clock))
                .withSingleUseStore(new KeycloakSingleUseStore(session, realm.getId(), clock))
                .withPollSessionStore(new KeycloakPollSessionStore(session, realm.getId(), clock))
                .withOrderLifetime(config.orderLifetime())
                .withClockSkew(config.clockSkew())
                .withOcspMode(config.ocspMode())
                .withListener(new CibaCompletion(session, realm));
        for (X509Certificate root : config.trustedRoots()) {
            builder.withTrustAnchor(root);
        }
        for (X509Certificate intermediate : config.intermediates()) {
            builder.withIntermediateCertificate(intermediate);
        }
        for (Map.Entry<String, Integer> level : config.trustLevels().entrySet()) {
            builder.withTrustLevel(level.getKey(), level.getValue());
        }
        config.ocspResponder().ifPresent(builder::withOcspResponder);
        return builder.build();
    }

    /** The configuration with this id, when it belongs to the realm. */
    public static Optional<AuthenticatorConfigModel> config(RealmModel realm, String configId) {
        return Optional.ofNullable(configId).map(realm::getAuthenticatorConfigById);
    }

    /** The configuration with this id, read; a wrong one is logged and counts as none. */
    public static Optional<LegitimeraConfig> parsedConfig(RealmModel realm, String configId) {
        return config(realm, configId).flatMap(model -> parse(realm, model));
    }

    /** The realm's first Legitimera configuration ({@link #firstConfig}), read; a wrong one is logged and counts as none. */
    public static Optional<Configured> firstParsedConfig(RealmModel realm) {
        return firstConfig(realm).flatMap(model -> parse(realm, model).map(config -> new Configured(model.getId(), config)));
    }

    /** Reads a configuration; a wrong one is logged (naming the setting) and counts as none. */
    public static Optional<LegitimeraConfig> parse(RealmModel realm, AuthenticatorConfigModel model) {
        try {
            return Optional.of(LegitimeraConfig.parse(model.getConfig()));
        } catch (IllegalArgumentException e) {
            LOG.errorf("the Legitimera configuration %s of realm %s is wrong: %s", model.getAlias(), realm.getName(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The realm's first Legitimera step that has a configuration: used where no order names one (the JWK set,
     * poll sessions).
     */
    public static Optional<AuthenticatorConfigModel> firstConfig(RealmModel realm) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(execution -> AUTHENTICATOR_ID.equals(execution.getAuthenticator()))
                .map(AuthenticationExecutionModel::getAuthenticatorConfig)
                .filter(id -> id != null)
                .map(realm::getAuthenticatorConfigById)
                .filter(config -> config != null)
                .findFirst();
    }
}
