package se.legitimera.app.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import se.legitimera.oob.ServiceOrigin;

/** The relying party's side of the reference service, as the CLI's stack tests call it (open loopback access). */
record RpApi(ServiceOrigin service, SSLContext tls) {

    /** An RP that trusts the service's TLS certificate through {@code root}. */
    static RpApi trusting(ServiceOrigin service, X509Certificate root) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return new RpApi(service, context);
    }

    /** POSTs {@code body} as JSON to {@code path} and gives the JSON answer. */
    Map<String, Object> call(String path, Map<String, Object> body) throws Exception {
        var connection = (HttpsURLConnection) URI.create(service + path).toURL().openConnection(java.net.Proxy.NO_PROXY);
        connection.setSSLSocketFactory(tls.getSocketFactory());
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (var out = connection.getOutputStream()) {
            out.write(JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8));
        }
        try (var in = connection.getInputStream()) {
            return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
