package se.legitimera.keycloak.authenticator;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.sessions.AuthenticationSessionModel;
import se.legitimera.keycloak.config.LegitimeraConfig;
import se.legitimera.keycloak.config.RealmServers;
import se.legitimera.keycloak.config.RelyingParty;
import se.legitimera.keycloak.holder.CardHolders;
import se.legitimera.keycloak.holder.HolderNotes;
import se.legitimera.oob.server.Completion;
import se.legitimera.oob.server.HintCode;
import se.legitimera.oob.server.OobServer;
import se.legitimera.oob.server.OobServerException;
import se.legitimera.oob.server.OrderRecord;
import se.legitimera.oob.server.OrderRequest;
import se.legitimera.oob.server.StartedOrder;

/**
 * The browser-flow step "Legitimera (SITHS-kort)". {@link #authenticate} starts an order through
 * {@code oob-server} and renders the waiting page, which opens the {@code legitimera://} link, polls the
 * order's status from the realm resource and submits its form when the order is no longer pending;
 * {@link #action} then reads the order: complete moves on with the card holder's user, anything else renders
 * a clear page with "Försök igen". No request thread ever waits for the card holder.
 *
 * <p>The only state is the order (in Keycloak's single-use store, through oob-server) and its reference in
 * an authentication-session note, so any node of a cluster can serve any step.
 */
final class LegitimeraAuthenticator implements Authenticator {

    static final String NOTE_ORDER_REF = se.legitimera.keycloak.app.LegitimeraRealmResource.ORDER_NOTE;
    static final String NOTE_AUTOSTART = "legitimera.autoStartUrl";

    private static final Logger LOG = Logger.getLogger(LegitimeraAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        startOrder(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        Optional<LegitimeraConfig> config = config(context);
        if (config.isEmpty()) {
            return;
        }
        OobServer server = RealmServers.server(context.getSession(), context.getRealm(), config.get());
        String orderRef = auth.getAuthNote(NOTE_ORDER_REF);
        if (form.containsKey("retry") || orderRef == null) {
            startOrder(context);
            return;
        }
        if (form.containsKey("cancel")) {
            try {
                server.cancel(orderRef);
            } catch (OobServerException e) {
                LOG.debugf("cancel of order %s on the page: %s", orderRef, e.getMessage());
            }
            forget(auth);
            context.getEvent().error(Errors.REJECTED_BY_USER);
            context.challenge(LoginPage.failed(context, FailureTexts.CANCELLED_ON_PAGE));
            return;
        }
        OrderRecord order;
        try {
            order = server.collect(orderRef);
        } catch (OobServerException e) {
            LOG.infof("order %s cannot be read: %s", orderRef, e.getMessage());
            forget(auth);
            context.challenge(LoginPage.failed(context, FailureTexts.forHint(Optional.of(HintCode.START_FAILED))));
            return;
        }
        switch (order.status()) {
            case PENDING -> context.challenge(LoginPage.waiting(context, auth.getAuthNote(NOTE_AUTOSTART),
                    statusUrl(context), RelyingParty.name(auth.getClient())));
            case FAILED -> {
                forget(auth);
                LOG.infof("order %s failed: %s", orderRef, order.hint().map(HintCode::code).orElse("?"));
                context.getEvent().detail("legitimera_hint", order.hint().map(HintCode::code).orElse("unknown"));
                context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
                context.challenge(LoginPage.failed(context, FailureTexts.forHint(order.hint())));
            }
            case COMPLETE -> {
                forget(auth);
                complete(context, config.get(), order.completion().orElseThrow());
            }
        }
    }

    private void startOrder(AuthenticationFlowContext context) {
        Optional<LegitimeraConfig> config = config(context);
        if (config.isEmpty()) {
            return;
        }
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        ClientModel client = auth.getClient();
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        String previous = auth.getAuthNote(NOTE_ORDER_REF);
        OobServer server = RealmServers.server(session, realm, config.get());
        if (previous != null) {
            try {
                server.cancel(previous); // a retry or a reload: the older order of this page must not complete
            } catch (OobServerException e) {
                LOG.debugf("earlier order %s not cancelled: %s", previous, e.getMessage());
            }
        }
        List<String> acrValues = AcrUtils.getAcrValues(auth.getClientNote(OIDCLoginProtocol.CLAIMS_PARAM),
                auth.getClientNote(OIDCLoginProtocol.ACR_PARAM), client);
        try {
            OrderRequest.Builder request = OrderRequest.builder(RelyingParty.name(client))
                    .withRpOrigin(RelyingParty.origin(client, session.getContext().getUri().getBaseUri()))
                    .withHostAttribute(RealmServers.CONFIG_ATTRIBUTE, context.getAuthenticatorConfig().getId());
            config.get().requestedLevel(acrValues).ifPresent(request::withRequestedLoa);
            // only that card can complete it, and a newer login of the same HSA-id ends the older one
            new CardHolders(session, realm, config.get().userAttribute())
                    .addressedBy(auth.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM))
                    .ifPresent(request::withHsaId);
            StartedOrder started = server.startOrder(request.build());
            auth.setAuthNote(NOTE_ORDER_REF, started.orderRef());
            auth.setAuthNote(NOTE_AUTOSTART, started.autoStartUrl());
            LOG.infof("order %s started for client %s in realm %s", started.orderRef(), client.getClientId(),
                    realm.getName());
            context.challenge(LoginPage.waiting(context, started.autoStartUrl(), statusUrl(context), RelyingParty.name(client)));
        } catch (OobServerException e) {
            LOG.errorf("cannot start an order for client %s in realm %s: %s", client.getClientId(), realm.getName(),
                    e.getMessage());
            context.challenge(LoginPage.failed(context, FailureTexts.SERVICE_ERROR));
        }
    }

    private void complete(AuthenticationFlowContext context, LegitimeraConfig config, Completion completion) {
        UserLookup.Result found = new UserLookup(context.getSession(), context.getRealm(), config).find(completion);
        switch (found) {
            case UserLookup.Result.Found(UserModel user) -> {
                if (!user.isEnabled()) {
                    context.getEvent().user(user).error(Errors.USER_DISABLED);
                    context.challenge(LoginPage.failed(context, FailureTexts.USER_DISABLED));
                    return;
                }
                AuthenticationSessionModel auth = context.getAuthenticationSession();
                HolderNotes.of(completion, config).forEach(auth::setUserSessionNote);
                context.getEvent().detail("hsa_id", completion.hsaId())
                        .detail("trust_level", completion.trustLevel().isPresent()
                                ? Integer.toString(completion.trustLevel().getAsInt()) : "unknown");
                context.setUser(user);
                context.success();
            }
            case UserLookup.Result.Unknown() -> {
                context.getEvent().detail("hsa_id", completion.hsaId()).error(Errors.USER_NOT_FOUND);
                context.challenge(LoginPage.failed(context, FailureTexts.UNKNOWN_USER));
            }
            case UserLookup.Result.Ambiguous() -> {
                LOG.errorf("more than one user of realm %s has %s %s", context.getRealm().getName(),
                        config.userAttribute(), completion.hsaId());
                context.getEvent().detail("hsa_id", completion.hsaId()).error(Errors.USER_NOT_FOUND);
                context.challenge(LoginPage.failed(context, FailureTexts.AMBIGUOUS_USER));
            }
        }
    }

    private static Optional<LegitimeraConfig> config(AuthenticationFlowContext context) {
        if (context.getAuthenticatorConfig() == null) {
            LOG.errorf("the Legitimera step of realm %s has no configuration (trusted roots at least)",
                    context.getRealm().getName());
            context.challenge(LoginPage.failed(context, FailureTexts.SERVICE_ERROR));
            return Optional.empty();
        }
        try {
            return Optional.of(LegitimeraConfig.parse(context.getAuthenticatorConfig().getConfig()));
        } catch (IllegalArgumentException e) {
            LOG.errorf("the Legitimera configuration %s of realm %s is wrong: %s",
                    context.getAuthenticatorConfig().getAlias(), context.getRealm().getName(), e.getMessage());
            context.challenge(LoginPage.failed(context, FailureTexts.SERVICE_ERROR));
            return Optional.empty();
        }
    }

    private static void forget(AuthenticationSessionModel auth) {
        auth.removeAuthNote(NOTE_ORDER_REF);
        auth.removeAuthNote(NOTE_AUTOSTART);
    }

    /** The status resource of this page's authentication session (found again by cookie, client and tab). */
    private static URI statusUrl(AuthenticationFlowContext context) {
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        return UriBuilder.fromUri(RealmServers.serviceUrl(context.getSession(), context.getRealm()))
                .path("login").path("status")
                .queryParam("client_id", auth.getClient().getClientId())
                .queryParam("tab_id", auth.getTabId())
                .build();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // none: the card is the credential
    }

    @Override
    public void close() {
        // nothing held
    }
}
