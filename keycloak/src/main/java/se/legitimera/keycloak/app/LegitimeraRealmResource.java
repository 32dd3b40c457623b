package se.legitimera.keycloak.app;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import se.legitimera.keycloak.ciba.CibaCompletion;
import se.legitimera.keycloak.config.LegitimeraConfig;
import se.legitimera.keycloak.config.RealmServers;
import se.legitimera.keycloak.store.KeycloakOrderStore;
import se.legitimera.oob.server.ErrorCode;
import se.legitimera.oob.server.HintCode;
import se.legitimera.oob.server.OobServer;
import se.legitimera.oob.server.OobServerException;
import se.legitimera.oob.server.OrderRecord;
import se.legitimera.oob.server.PollSession;
import se.legitimera.oob.server.Verdict;

/**
 * The protocol's app API under {@code /realms/<realm>/legitimera} (docs/oob-protocol.md section 4 and 5)
 * and the login page's status: each endpoint is one call of {@code oob-server}, each result or refusal one
 * answer. No protocol rule lives here.
 *
 * <p>The order a token names carries the id of the authenticator configuration it was started with, so the
 * proof is checked against exactly the roots, trust levels and OCSP settings of that flow step.
 */
public final class LegitimeraRealmResource {

    private static final Logger LOG = Logger.getLogger(LegitimeraRealmResource.class);
    private static final CacheControl NO_STORE = noStore();
    /** The authentication-session note in which the authenticator keeps its order's reference. */
    public static final String ORDER_NOTE = "legitimera.orderRef";

    private final KeycloakSession session;
    private final RealmModel realm;

    LegitimeraRealmResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    @Path(".well-known/legitimera/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwkSet() {
        Optional<LegitimeraConfig> config = RealmServers.firstParsedConfig(realm).map(RealmServers.Configured::config);
        if (config.isEmpty()) {
            return error(ErrorCode.NOT_FOUND, Optional.empty(), "no Legitimera login is configured in this realm");
        }
        return Response.ok(server(config.get()).jwkSet()).cacheControl(NO_STORE).build();
    }

    @POST
    @Path("app/v1/order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response order(Map<String, Object> body) {
        return withOrderServer(body, (server, config, token) -> Response.ok(Map.of("order", server.fetchOrder(token)))
                .cacheControl(NO_STORE).build());
    }

    @POST
    @Path("app/v1/proof")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response proof(Map<String, Object> body) {
        Optional<String> proof = text(body, "proof");
        if (proof.isEmpty()) {
            return error(ErrorCode.INVALID_PARAMETERS, Optional.empty(), "proof is required");
        }
        return withOrderServer(body, (server, config, token) -> switch (server.submitProof(token, proof.get())) {
            case Verdict.Completed completed -> {
                LOG.infof("order %s completed by %s in realm %s", completed.order().orderRef(),
                        completed.completion().hsaId(), realm.getName());
                yield Response.ok(Map.of("orderRef", completed.order().orderRef(), "status", "complete"))
                        .cacheControl(NO_STORE).build();
            }
            case Verdict.Refused refused -> {
                LOG.infof("proof refused in realm %s: %s", realm.getName(), refused.reason());
                CibaCompletion.endOnWrongCard(server, refused);
                yield error(refused.errorCode(), refused.hintCode(), "proof refused");
            }
        });
    }

    @POST
    @Path("app/v1/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(Map<String, Object> body) {
        Optional<String> reason = text(body, "reason");
        if (reason.isEmpty()) {
            return error(ErrorCode.INVALID_PARAMETERS, Optional.empty(), "reason is required");
        }
        return withOrderServer(body, (server, config, token) -> {
            OrderRecord order = server.cancelByApp(token, reason.get());
            return Response.ok(Map.of("orderRef", order.orderRef(), "status", order.status().code()))
                    .cacheControl(NO_STORE).build();
        });
    }

    @POST
    @Path("app/v1/poll/session")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response pollSession(Map<String, Object> body) {
        return withRealmServer(body, "request", (server, config, request) -> {
            PollSession poll = server.openPollSession(request);
            long expiresIn = Math.max(0, poll.expiresAt().getEpochSecond() - Clock.systemUTC().instant().getEpochSecond());
            return Response.ok(Map.of("pollSession", poll.token(), "hsaId", poll.hsaId(), "expiresIn", expiresIn))
                    .cacheControl(NO_STORE).build();
        });
    }

    /**
     * Answers at once (an order's token, or 204 with {@code Retry-After}: the configured app poll interval): this
     * host does not hold a request open, which would block a server thread per waiting app (Keycloak supports
     * only synchronous endpoints). The protocol allows it, and the app waits that long before it asks again.
     */
    @POST
    @Path("app/v1/poll")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response poll(Map<String, Object> body) {
        return withRealmServer(body, "pollSession", (server, config, pollSession) -> server.pendingOrderFor(pollSession)
                .map(t -> Response.ok(Map.of("autoStartToken", t)).cacheControl(NO_STORE).build())
                .orElseGet(() -> Response.noContent().header(HttpHeaders.RETRY_AFTER, config.appPollInterval().toSeconds())
                        .cacheControl(NO_STORE).build()));
    }

    /**
     * The login page's poll: the status and hint code of the order of this browser's authentication session
     * (found by Keycloak's session cookie, the client and the tab), never more.
     */
    @GET
    @Path("login/status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response loginStatus(@QueryParam("client_id") String clientId, @QueryParam("tab_id") String tabId) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        AuthenticationSessionModel auth = client == null || tabId == null ? null
                : new AuthenticationSessionManager(session).getCurrentAuthenticationSession(realm, client, tabId);
        String orderRef = auth == null ? null : auth.getAuthNote(ORDER_NOTE);
        Optional<LegitimeraConfig> config = Optional.ofNullable(orderRef).flatMap(ref -> orderConfig(ref, true));
        if (orderRef == null || config.isEmpty()) {
            // the session ended or moved on: the page submits and Keycloak shows what is next
            return Response.ok(Map.of("status", "unknown")).cacheControl(NO_STORE).build();
        }
        try {
            OrderRecord order = server(config.get()).collect(orderRef);
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("status", order.status().code());
            order.hint().ifPresent(h -> status.put("hintCode", h.code()));
            return Response.ok(status).cacheControl(NO_STORE).build();
        } catch (OobServerException e) {
            LOG.debugf("status of order %s: %s", orderRef, e.getMessage());
            return Response.ok(Map.of("status", "unknown")).cacheControl(NO_STORE).build();
        }
    }

    @FunctionalInterface
    private interface ServerCall {
        Response call(OobServer server, LegitimeraConfig config, String field) throws OobServerException;
    }

    /** A call not tied to one order (poll sessions): the realm's Legitimera configuration serves it. */
    private Response withRealmServer(Map<String, Object> body, String field, ServerCall call) {
        return withServer(body, field, value -> RealmServers.firstParsedConfig(realm).map(RealmServers.Configured::config),
                "no Legitimera login is configured in this realm", call);
    }

    /** Finds the configuration of the token's order, then makes the call; a token no order has is notFound. */
    private Response withOrderServer(Map<String, Object> body, ServerCall call) {
        return withServer(body, "autoStartToken", token -> orderConfig(token, false), "no such order", call);
    }

    /** Reads {@code field}, finds the configuration that serves it, then makes the call. */
    private Response withServer(Map<String, Object> body, String field,
                                Function<String, Optional<LegitimeraConfig>> configOf, String notFound, ServerCall call) {
        Optional<String> value = text(body, field);
        if (value.isEmpty()) {
            return error(ErrorCode.INVALID_PARAMETERS, Optional.empty(), field + " is required");
        }
        Optional<LegitimeraConfig> config = configOf.apply(value.get());
        if (config.isEmpty()) {
            return error(ErrorCode.NOT_FOUND, Optional.empty(), notFound);
        }
        try {
            return call.call(server(config.get()), config.get(), value.get());
        } catch (OobServerException e) {
            return refusal(e);
        }
    }

    private Optional<LegitimeraConfig> orderConfig(String key, boolean byRef) {
        KeycloakOrderStore store = new KeycloakOrderStore(session, realm.getId(), Clock.systemUTC());
        try {
            Optional<OrderRecord> order = byRef ? store.byRef(key) : store.byToken(key);
            return order.map(o -> o.hostAttributes().get(RealmServers.CONFIG_ATTRIBUTE))
                    .flatMap(id -> RealmServers.parsedConfig(realm, id));
        } catch (OobServerException e) {
            LOG.warnf("cannot read an order in realm %s: %s", realm.getName(), e.getMessage());
            return Optional.empty();
        }
    }

    private OobServer server(LegitimeraConfig config) {
        return RealmServers.server(session, realm, config);
    }

    private Response refusal(OobServerException e) {
        if (e.errorCode() == ErrorCode.INTERNAL_ERROR) {
            LOG.errorf(e, "app API failure in realm %s", realm.getName());
        } else {
            LOG.debugf("app API refusal in realm %s: %s", realm.getName(), e.getMessage());
        }
        return error(e.errorCode(), e.hintCode(), switch (e.errorCode()) {
            case NOT_FOUND -> "no such order or session";
            case EXPIRED -> "the order expired";
            case CANCELLED -> "the order failed or was cancelled";
            case ALREADY_COMPLETED -> "the order is already complete";
            case PROOF_REJECTED -> "proof refused";
            case INVALID_PARAMETERS -> "invalid parameters";
            case UNAUTHORIZED -> "unauthorized";
            case INTERNAL_ERROR -> "service failure";
        });
    }

    private static Response error(ErrorCode code, Optional<HintCode> hint, String details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", code.code());
        hint.ifPresent(h -> body.put("hintCode", h.code()));
        body.put("details", details);
        return Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON).entity(body)
                .cacheControl(NO_STORE).build();
    }

    private static Optional<String> text(Map<String, Object> body, String member) {
        return body == null ? Optional.empty()
                : Optional.ofNullable(body.get(member)).filter(String.class::isInstance).map(String.class::cast)
                        .filter(s -> !s.isBlank());
    }

    private static CacheControl noStore() {
        CacheControl control = new CacheControl();
        control.setNoStore(true);
        control.setNoCache(true);
        return control;
    }
}
