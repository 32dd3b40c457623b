package se.legitimera.keycloak.stack;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * One browser-less login through a Legitimera login page, for the benchmark: the authorization request, the
 * page's link, the software card's proof, what the page's script does when the order is done, and the code's
 * redemption. Its own cookies, as one browser; each step can go to another node of a cluster ({@link Steps}).
 */
public final class HttpLogin {

    private static final Pattern LINK = Pattern.compile("href=\"(legitimera://[^\"]+)\"");

    /** Whose login page it is: how the page moves on once the order is complete. */
    public enum Front {
        /** Keycloak's Legitimera step: the page submits its form to the authentication session. */
        KEYCLOAK(Pattern.compile("id=\"legitimera-form\"[^>]*action=\"([^\"]+)\""), "POST"),
        /** The devkit reference service's OIDC front: the page's script goes to its finish URL. */
        REFERENCE_SERVICE(Pattern.compile("window.location.href = '([^']+)'; return;"), "GET");

        private final Pattern next;
        private final String method;

        Front(Pattern next, String method) {
            this.next = next;
            this.method = method;
        }
    }

    private final HttpClient http;
    private final Front front;

    public HttpLogin(SSLContext tls) {
        this(tls, Front.KEYCLOAK);
    }

    public HttpLogin(SSLContext tls, Front front) {
        this.http = HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        this.front = front;
    }

    /**
     * Which node each step of a login reaches: the login page, the app's order fetch, its proof, the page's
     * form submission and the client's code redemption.
     */
    public record Steps(Route page, Route order, Route proof, Route form, Route token) {
        /** Every step to {@code route}. */
        public static Steps allTo(Route route) {
            return new Steps(route, route, route, route, route);
        }
    }

    /** The login page as the browser got it: the link for the app and where the page goes on. */
    public record Page(OidcTestClient.Login login, String link, URI next) {
    }

    /** Runs one login to a validated ID token; throws when any step fails. */
    public OidcTestClient.Tokens login(OidcTestClient client, SoftwareCardApp card) throws Exception {
        return login(client, card, Steps.allTo(Route.DIRECT));
    }

    /** As {@link #login(OidcTestClient, SoftwareCardApp)}, each step sent to the node {@code steps} names. */
    public OidcTestClient.Tokens login(OidcTestClient client, SoftwareCardApp card, Steps steps) throws Exception {
        Page page = open(client.start(java.util.List.of()), steps.page());
        SoftwareCardApp.Reply proof = card.via(steps.proof()).approve(card.via(steps.order()).fetch(page.link()));
        if (proof.status() != 200) {
            throw new AssertionError("proof answered " + proof.status() + ": " + proof.body());
        }
        return finish(page, steps.form(), client.via(steps.token()));
    }

    /** GETs the authorization request where {@code route} sends it and reads the page's link and next step. */
    public Page open(OidcTestClient.Login login, Route route) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(route.apply(login.authorizationRequest()))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new AssertionError("login page answered " + page.statusCode());
        }
        String link = unescape(find(LINK, page.body(), "the legitimera:// link"));
        URI next = login.authorizationRequest().resolve(unescape(find(front.next, page.body(), "next step")));
        return new Page(login, link, next);
    }

    /**
     * What the page's script does once the order is done, sent where {@code route} sends it, then the code
     * of the redirect redeemed by {@code client}.
     */
    public OidcTestClient.Tokens finish(Page page, Route route, OidcTestClient client) throws Exception {
        HttpRequest.Builder step = HttpRequest.newBuilder(route.apply(page.next())).timeout(Duration.ofSeconds(30));
        if ("POST".equals(front.method)) {
            step.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("poll=done"));
        }
        HttpResponse<String> submitted = http.send(step.build(), HttpResponse.BodyHandlers.ofString());
        String location = submitted.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("the page's next step did not redirect: " + submitted.statusCode()));
        return client.finish(page.login(), URI.create(location));
    }

    private static String find(Pattern pattern, String html, String what) {
        Matcher matcher = pattern.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("the page has no " + what);
        }
        return matcher.group(1);
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#61;", "=").replace("&#x3D;", "=").replace("&quot;", "\"");
    }
}
