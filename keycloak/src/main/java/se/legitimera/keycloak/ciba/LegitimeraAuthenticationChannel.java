package se.legitimera.keycloak.ciba;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.CibaConfig;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.grants.ciba.channel.AuthenticationChannelProvider;
import org.keycloak.protocol.oidc.grants.ciba.channel.CIBAAuthenticationRequest;
import se.legitimera.keycloak.config.LegitimeraConfig;
import se.legitimera.keycloak.config.RealmServers;
import se.legitimera.keycloak.config.RelyingParty;
import se.legitimera.keycloak.holder.CardHolders;
import se.legitimera.oob.server.OobServerException;
import se.legitimera.oob.server.OrderRequest;
import se.legitimera.oob.server.StartedOrder;

/**
 * Keycloak's CIBA authentication channel, in-process: a backchannel authentication request becomes an order
 * addressed to the user's HSA-id (protocol section 5), carrying the binding message for the app to show and
 * living as long as the realm's CIBA requests do. The app in poll mode receives it; {@link CibaCompletion}
 * finishes the request when the order ends. Nothing waits here: Keycloak answers the client at once.
 *
 * <p>The order is configured by the realm's Legitimera step (trusted roots, trust levels, OCSP), as the app
 * API finds it for poll sessions.
 */
final class LegitimeraAuthenticationChannel implements AuthenticationChannelProvider {

    private static final Logger LOG = Logger.getLogger(LegitimeraAuthenticationChannel.class);

    private final KeycloakSession session;

    LegitimeraAuthenticationChannel(KeycloakSession session) {
        this.session = session;
    }

    /** @return false (Keycloak then answers the client {@code server_error}) when no order could be started */
    @Override
    public boolean requestAuthentication(CIBAAuthenticationRequest request, String infoUsedByAuthentication) {
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = request.getClient();
        Optional<RealmServers.Configured> configured = RealmServers.firstParsedConfig(realm);
        if (configured.isEmpty()) {
            LOG.errorf("CIBA request of client %s in realm %s: the realm has no configured Legitimera step",
                    client.getClientId(), realm.getName());
            return false;
        }
        if (CibaConfig.CIBA_PING_MODE.equals(realm.getCibaPolicy().getBackchannelTokenDeliveryMode(client))) {
            // Keycloak pings only from its HTTP callback endpoint, which this in-process channel never calls:
            // the client would wait for a ping that never comes
            LOG.errorf("CIBA request of client %s in realm %s refused: Legitimera serves poll mode only; set the "
                    + "client's CIBA token delivery mode to poll", client.getClientId(), realm.getName());
            return false;
        }
        LegitimeraConfig config = configured.get().config();
        Optional<String> hsaId = new CardHolders(session, realm, config.userAttribute()).hsaIdOf(request.getUser());
        if (hsaId.isEmpty()) {
            LOG.warnf("CIBA request of client %s in realm %s: user %s has no %s", client.getClientId(),
                    realm.getName(), request.getUser().getId(), config.userAttribute());
            return false;
        }
        try {
            OrderRequest.Builder order = OrderRequest.builder(RelyingParty.name(client))
                    .withRpOrigin(RelyingParty.origin(client, session.getContext().getUri().getBaseUri()))
                    .withHsaId(hsaId.get())
                    // Keycloak keeps the request for the realm's expiry, whatever requested_expiry said
                    .withLifetime(Duration.ofSeconds(realm.getCibaPolicy().getExpiresIn()))
                    .withHostAttribute(RealmServers.CONFIG_ATTRIBUTE, configured.get().id())
                    .withHostAttribute(CibaCompletion.AUTH_RESULT_ID, request.getAuthResultId());
            if (request.getBindingMessage() != null) {
                order.withMessage(request.getBindingMessage());
            }
            if (request.getAcrValues() != null) {
                config.requestedLevel(Arrays.asList(request.getAcrValues().trim().split("\\s+")))
                        .ifPresent(order::withRequestedLoa);
            }
            StartedOrder started = RealmServers.server(session, realm, config).startOrder(order.build());
            LOG.infof("CIBA order %s started for client %s in realm %s", started.orderRef(), client.getClientId(),
                    realm.getName());
            return true;
        } catch (OobServerException e) {
            LOG.errorf("cannot start a CIBA order for client %s in realm %s: %s", client.getClientId(),
                    realm.getName(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
