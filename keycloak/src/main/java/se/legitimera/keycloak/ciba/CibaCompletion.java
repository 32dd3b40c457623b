package se.legitimera.keycloak.ciba;

import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.grants.device.DeviceGrantType;
import se.legitimera.keycloak.config.LegitimeraConfig;
import se.legitimera.keycloak.config.RealmServers;
import se.legitimera.keycloak.holder.HolderNotes;
import se.legitimera.oob.server.HintCode;
import se.legitimera.oob.server.HsaIdMismatchException;
import se.legitimera.oob.server.OobServer;
import se.legitimera.oob.server.OobServerException;
import se.legitimera.oob.server.OrderListener;
import se.legitimera.oob.server.OrderRecord;
import se.legitimera.oob.server.Verdict;

/**
 * Finishes the CIBA request an order was started for, in-process, as Keycloak's own callback endpoint
 * ({@code BackchannelAuthenticationCallbackEndpoint}) finishes it for an external authentication device: a
 * completed order approves the request's entry in Keycloak's single-use store, handing over the card holder's
 * notes (the CIBA grant puts them in its client session, where {@link se.legitimera.keycloak.mapper.HolderNoteMapper}
 * finds them); a cancelled or failed order denies it, so the client's token poll gets {@code access_denied}.
 * An expired order is left alone: the request expires with it and Keycloak answers {@code expired_token}.
 *
 * <p>The only state is Keycloak's (the order, the request's entry), so the proof may reach any node.
 */
public final class CibaCompletion implements OrderListener {

    /** The order's host attribute naming the CIBA request's authentication result id. */
    public static final String AUTH_RESULT_ID = "cibaAuthResultId";
    /**
     * Stands for the user session id the device grant keeps with an approval: the CIBA grant creates its own
     * user session and never reads it, as for Keycloak's callback endpoint.
     */
    private static final String NO_USER_SESSION = "legitimera-ciba";
    private static final Logger LOG = Logger.getLogger(CibaCompletion.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public CibaCompletion(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public void orderChanged(OrderRecord order) {
        String authResultId = order.hostAttributes().get(AUTH_RESULT_ID);
        if (authResultId == null) {
            return;
        }
        switch (order.status()) {
            case PENDING -> {
                // still waiting for the card holder
            }
            case COMPLETE -> approve(order, authResultId);
            case FAILED -> {
                HintCode hint = order.hint().orElseThrow();
                if (hint != HintCode.EXPIRED_TRANSACTION && hint != HintCode.START_FAILED) {
                    deny(order, authResultId, hint.code());
                }
            }
        }
    }

    /**
     * A proof from another card than the one a CIBA order is addressed to ends the request: the client asked
     * for that card holder, and this card's holder is at the desk. Other orders stay pending (protocol
     * section 4.3: a refused proof need not come from the order's holder).
     */
    public static void endOnWrongCard(OobServer server, Verdict.Refused refused) {
        Optional<OrderRecord> order = refused.order().filter(o -> o.hostAttributes().containsKey(AUTH_RESULT_ID));
        if (order.isEmpty() || !(refused.refusal() instanceof HsaIdMismatchException)) {
            return;
        }
        try {
            server.cancel(order.get().orderRef());
        } catch (OobServerException e) {
            LOG.warnf("CIBA order %s not ended after a wrong card: %s", order.get().orderRef(), e.getMessage());
        }
    }

    private void approve(OrderRecord order, String authResultId) {
        Optional<LegitimeraConfig> config = RealmServers.parsedConfig(realm,
                order.hostAttributes().get(RealmServers.CONFIG_ATTRIBUTE));
        if (config.isEmpty()) {
            LOG.errorf("CIBA order %s completed, but its Legitimera configuration is gone from realm %s: denied",
                    order.orderRef(), realm.getName());
            deny(order, authResultId, "configuration");
            return;
        }
        Map<String, String> notes = HolderNotes.of(order.completion().orElseThrow(), config.get());
        if (DeviceGrantType.approveUserCode(session, realm, authResultId, NO_USER_SESSION, notes)) {
            LOG.infof("CIBA request of order %s approved in realm %s", order.orderRef(), realm.getName());
        } else {
            LOG.infof("CIBA request of order %s was no longer waiting in realm %s", order.orderRef(), realm.getName());
        }
    }

    private void deny(OrderRecord order, String authResultId, String why) {
        if (DeviceGrantType.denyUserCode(session, realm, authResultId)) {
            LOG.infof("CIBA request of order %s denied in realm %s: %s", order.orderRef(), realm.getName(), why);
        }
    }
}
