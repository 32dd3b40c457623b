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
 * One browser-less login through the Legitimera page, for the benchmark: the authorization request, the page's
 * link and form, the software card's proof, the form's submit (what the page's script does when the order is
 * done) and the code's redemption. Its own cookies, as one browser.
 */
public final class HttpLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("id=\"legitimera-form\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern LINK = Pattern.compile("href=\"(legitimera://[^\"]+)\"");

    private final HttpClient http;

    public HttpLogin(SSLContext tls) {
        this.http = HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Runs one login to a validated ID token; throws when any step fails. */
    public OidcTestClient.Tokens login(OidcTestClient client, SoftwareCardApp card) throws Exception {
        OidcTestClient.Login login = client.start(java.util.List.of());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(login.authorizationRequest())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new AssertionError("login page answered " + page.statusCode());
        }
        String link = unescape(find(LINK, page.body(), "the legitimera:// link"));
        URI action = URI.create(unescape(find(FORM_ACTION, page.body(), "the form's action")));
        SoftwareCardApp.Reply proof = card.approve(card.fetch(link));
        if (proof.status() != 200) {
            throw new AssertionError("proof answered " + proof.status() + ": " + proof.body());
        }
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("poll=done")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = submitted.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("the form's submit did not redirect: " + submitted.statusCode()));
        return client.finish(login, URI.create(location));
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
