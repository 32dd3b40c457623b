package se.legitimera.app.e2e;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A relying party's back end on loopback: starts orders and collects them over HTTPS, trusting the test root.
 * The one RP helper of the app's stack tests (the CLI's and the windows').
 */
public final class RelyingParty {

    private final HttpClient http;
    private final URI service;

    public RelyingParty(URI service, X509Certificate trustedRoot) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", trustedRoot);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        this.http = HttpClient.newBuilder().sslContext(tls).proxy(HttpClient.Builder.NO_PROXY).build();
        this.service = service;
    }

    /** POST /rp/v1/auth: the order's orderRef and autoStartUrl among others. */
    Map<String, Object> auth(String rpName, String message) throws Exception {
        return post("/rp/v1/auth", Map.of("rpName", rpName, "message", message, "requestedLoa", 3));
    }

    /** POST /rp/v1/collect: status, hintCode and, once complete, completionData. */
    Map<String, Object> collect(Map<String, Object> order) throws Exception {
        return post("/rp/v1/collect", Map.of("orderRef", order.get("orderRef")));
    }

    /** POSTs {@code body} as JSON to {@code path} of the RP API and gives the JSON answer (200 only). */
    public Map<String, Object> post(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSONObjectUtils.parse(response.body());
    }
}
