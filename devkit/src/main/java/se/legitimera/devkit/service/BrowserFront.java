package se.legitimera.devkit.service;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import se.legitimera.devkit.service.HttpReply.Refusal;
import se.legitimera.oob.server.OobServerException;
import se.legitimera.oob.server.OrderRequest;
import se.legitimera.oob.server.StartedOrder;

/**
 * The browser side of the reference service: a demo relying party ({@code /demo/}) and a minimal OIDC
 * authorization-code front ({@code /oidc/authorize}, {@code /oidc/token}). Both show the same login page,
 * which opens the {@code legitimera://} link and polls the order's status. Any client id with a loopback
 * redirect URI is accepted: this is a development reference, not a production IdP.
 */
final class BrowserFront {

    private static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    private record OidcRequest(String clientId, String redirectUri, String state, String nonce) {
    }

    private record LoginSession(String orderRef, Optional<OidcRequest> oidc) {
    }

    private record IssuedCode(OidcRequest request, Map<String, Object> completion, Instant expiresAt) {
    }

    private final AuthenticationService service;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, LoginSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();

    BrowserFront(AuthenticationService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    void register(BiConsumer<String, AuthenticationService.Handler> route) {
        route.accept("/demo/", this::demoStart);
        route.accept("/demo/login", this::demoLogin);
        route.accept("/demo/done", this::demoDone);
        route.accept("/login/status", this::status);
        route.accept("/oidc/authorize", this::authorize);
        route.accept("/oidc/finish", this::finish);
        route.accept("/oidc/token", this::token);
        route.accept("/.well-known/openid-configuration", this::discovery);
    }

    private void demoStart(HttpExchange exchange) throws IOException {
        HttpReply.html(exchange, 200, page("Demotjänst", """
                <h1>Demotjänst</h1>
                <p>Logga in med ditt SITHS-kort och Legitimera.</p>
                <form method="post" action="/demo/login"><button type="submit">Logga in med SITHS-kort</button></form>
                """));
    }

    private void demoLogin(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new Refusal(405, "invalidParameters", null, "use POST");
        }
        StartedOrder order = service.startOrder(OrderRequest.builder("Demotjänsten (devkit)")
                .withRpOrigin(service.origin().toString()).withMessage("Inloggning till demotjänsten").build());
        String session = newSession(new LoginSession(order.orderRef(), Optional.empty()));
        HttpReply.html(exchange, 200, loginPage("Demotjänsten (devkit)", order.autoStartUrl(), session,
                "/demo/done?session=" + session));
    }

    private void demoDone(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        LoginSession session = session(exchange);
        Map<String, Object> collected = service.collect(session.orderRef());
        if (!(collected.get("completionData") instanceof Map<?, ?> data)) {
            HttpReply.html(exchange, 200, page("Inte inloggad", "<h1>Inte inloggad</h1><p>Status: "
                    + HttpReply.escapeHtml(String.valueOf(collected.get("hintCode"))) + "</p>"));
            return;
        }
        HttpReply.html(exchange, 200, page("Inloggad", "<h1>Inloggad</h1><dl><dt>Namn</dt><dd id=\"name\">"
                + HttpReply.escapeHtml(String.valueOf(data.get("name"))) + "</dd><dt>HSA-id</dt><dd id=\"hsaId\">"
                + HttpReply.escapeHtml(String.valueOf(data.get("hsaId"))) + "</dd></dl>"));
    }

    private void status(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        Map<String, Object> collected = service.collect(session(exchange).orderRef());
        collected.remove("completionData"); // the browser learns the outcome, never the evidence
        HttpReply.json(exchange, 200, collected);
    }

    private void authorize(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        Map<String, String> query = HttpReply.form(exchange.getRequestURI().getRawQuery());
        String clientId = query.get("client_id");
        String redirectUri = query.get("redirect_uri");
        if (clientId == null || clientId.isBlank() || clientId.length() > 100 || !loopbackRedirect(redirectUri)) {
            throw new Refusal(400, "invalidParameters", null, "client_id and a loopback redirect_uri are required");
        }
        if (!"code".equals(query.get("response_type")) || query.get("scope") == null
                || !query.get("scope").contains("openid")) {
            HttpReply.redirect(exchange, redirectUri + "?error=unsupported_response_type" + stateParam(query.get("state")));
            return;
        }
        URI redirect = URI.create(redirectUri);
        String rpOrigin = "https".equals(redirect.getScheme())
                ? "https://" + redirect.getHost() + ":" + (redirect.getPort() == -1 ? 443 : redirect.getPort())
                : service.origin().toString();
        StartedOrder order = service.startOrder(OrderRequest.builder(clientId).withRpOrigin(rpOrigin).build());
        String session = newSession(new LoginSession(order.orderRef(),
                Optional.of(new OidcRequest(clientId, redirectUri, query.get("state"), query.get("nonce")))));
        HttpReply.html(exchange, 200, loginPage(clientId, order.autoStartUrl(), session,
                "/oidc/finish?session=" + session));
    }

    private void finish(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        LoginSession session = session(exchange);
        OidcRequest request = session.oidc().orElseThrow(() -> new Refusal(404, "notFound", null, "not an OIDC login"));
        sessions.values().remove(session);
        Map<String, Object> collected = service.collect(session.orderRef());
        if (!(collected.get("completionData") instanceof Map<?, ?> data)) {
            HttpReply.redirect(exchange, request.redirectUri() + "?error=access_denied" + stateParam(request.state()));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> completion = (Map<String, Object>) data;
        String code = newId();
        codes.put(code, new IssuedCode(request, completion, clock.instant().plus(CODE_LIFETIME)));
        HttpReply.redirect(exchange, request.redirectUri() + "?code=" + code + stateParam(request.state()));
    }

    private void token(HttpExchange exchange) throws IOException, Refusal, OobServerException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new Refusal(405, "invalidParameters", null, "use POST");
        }
        Map<String, String> form = HttpReply.form(HttpReply.readText(exchange));
        IssuedCode issued = form.get("code") == null ? null : codes.remove(form.get("code")); // one use only
        if (!"authorization_code".equals(form.get("grant_type")) || issued == null
                || issued.expiresAt().isBefore(clock.instant())
                || !issued.request().clientId().equals(form.get("client_id"))
                || !issued.request().redirectUri().equals(form.get("redirect_uri"))) {
            HttpReply.json(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", service.origin().toString());
        claims.put("sub", String.valueOf(issued.completion().get("hsaId")));
        claims.put("aud", issued.request().clientId());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
        claims.put("auth_time", now.getEpochSecond());
        claims.put("name", issued.completion().get("name"));
        claims.put("hsa_id", issued.completion().get("hsaId"));
        if (issued.request().nonce() != null) {
            claims.put("nonce", issued.request().nonce());
        }
        if (issued.completion().get("trustLevel") != null) {
            claims.put("acr", "loa" + issued.completion().get("trustLevel"));
        }
        String idToken = service.server().signToken("JWT", claims);
        HttpReply.json(exchange, 200, Map.of("access_token", newId(), "token_type", "Bearer", "expires_in", 300,
                "id_token", idToken));
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String issuer = service.origin().toString();
        HttpReply.json(exchange, 200, Map.of("issuer", issuer,
                "authorization_endpoint", issuer + "/oidc/authorize",
                "token_endpoint", issuer + "/oidc/token",
                "jwks_uri", service.serviceUrl() + "/.well-known/legitimera/jwks.json",
                "response_types_supported", java.util.List.of("code"),
                "subject_types_supported", java.util.List.of("public"),
                "id_token_signing_alg_values_supported", java.util.List.of("ES256")));
    }

    private LoginSession session(HttpExchange exchange) throws Refusal {
        String id = HttpReply.form(exchange.getRequestURI().getRawQuery()).get("session");
        LoginSession session = id == null ? null : sessions.get(id);
        if (session == null) {
            throw new Refusal(404, "notFound", null, "no such login");
        }
        return session;
    }

    private String newSession(LoginSession session) {
        String id = newId();
        sessions.put(id, session);
        return id;
    }

    private String newId() {
        byte[] id = new byte[24];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private static boolean loopbackRedirect(String uri) {
        if (uri == null) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            return ("https".equals(parsed.getScheme()) || "http".equals(parsed.getScheme()))
                    && ("127.0.0.1".equals(parsed.getHost()) || "localhost".equals(parsed.getHost()))
                    && parsed.getRawQuery() == null && parsed.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String stateParam(String state) {
        return state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
    }

    private static String loginPage(String rpName, String autoStartUrl, String session, String finishUrl) {
        return page("Logga in", """
                <h1>Logga in hos %s</h1>
                <p>Legitimera öppnas på den här datorn. Om inget händer: <a id="autostart" href="%s">Öppna Legitimera</a>.</p>
                <p id="status">Väntar på Legitimera …</p>
                <script>
                const texts = {
                  outstandingTransaction: 'Väntar på Legitimera …',
                  userSign: 'Ange pinkoden i Legitimera.',
                  userCancel: 'Inloggningen avbröts.',
                  noCard: 'Inget SITHS-kort hittades.',
                  pinBlocked: 'Pinkoden är spärrad. Lås upp den med PUK-koden i Legitimera.',
                  expiredTransaction: 'Inloggningen tog för lång tid. Försök igen.',
                  startFailed: 'Legitimera startade inte. Är appen installerad?',
                  certificateErr: 'Kortets certifikat godtas inte.',
                  cancelled: 'Inloggningen avbröts.'
                };
                const status = document.getElementById('status');
                window.location.href = document.getElementById('autostart').href;
                async function poll() {
                  const reply = await fetch('/login/status?session=%s', {method: 'POST'});
                  const order = await reply.json();
                  if (order.status === 'complete') { window.location.href = '%s'; return; }
                  status.textContent = texts[order.hintCode] || order.hintCode;
                  if (order.status === 'pending') setTimeout(poll, 1000);
                }
                poll();
                </script>
                """.formatted(HttpReply.escapeHtml(rpName), HttpReply.escapeHtml(autoStartUrl), session, finishUrl));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>" + HttpReply.escapeHtml(title)
                + "</title><style>body{font-family:sans-serif;max-width:40em;margin:3em auto}</style></head><body>"
                + body + "</body></html>";
    }
}
