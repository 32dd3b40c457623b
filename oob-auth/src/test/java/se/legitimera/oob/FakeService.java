package se.legitimera.oob;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A protocol v1 service double on a real HTTPS server at 127.0.0.1, for the client's tests: it serves one
 * order, records every request that reached a handler, and can be told to fail.
 */
final class FakeService implements AutoCloseable {

    final HttpsServer server;
    final ECKey orderKey;
    final ServiceOrigin origin;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> proofs = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile int proofStatus = 200;
    volatile boolean tamperOrder;
    volatile Instant orderExpiry = Instant.now().plusSeconds(120);
    /** The Retry-After header of the poll's 204, none when null. */
    volatile String pollRetryAfter;
    static final String TOKEN = "tokentokentokentokentoken1";

    FakeService(TestCertificates.Issued tls) throws Exception {
        this(tls, "");
    }

    /** A service whose app API lives under {@code basePath} (protocol 1.1), e.g. "/realms/vard/legitimera". */
    FakeService(TestCertificates.Issued tls, String basePath) throws Exception {
        orderKey = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("tls", tls.privateKey(), new char[] {'x'}, new X509Certificate[] {tls.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, new char[] {'x'});
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        origin = new ServiceOrigin("127.0.0.1", server.getAddress().getPort(), basePath);
        server.createContext("/", this::handle);
        server.start();
    }

    AutoStartLink link() {
        return new AutoStartLink(origin, TOKEN);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String full = exchange.getRequestURI().getPath();
            requests.add(full);
            String path = full.startsWith(origin.path() + "/") ? full.substring(origin.path().length()) : "(outside)";
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failuresLeft.getAndDecrement() > 0) {
                reply(exchange, 503, Map.of("errorCode", "internalError"));
                return;
            }
            switch (path) {
                case "/.well-known/legitimera/jwks.json" -> reply(exchange, 200, new JWKSet(orderKey.toPublicJWK()).toJSONObject());
                case "/app/v1/order" -> reply(exchange, 200, Map.of("order", order()));
                case "/app/v1/proof" -> {
                    proofs.add(JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8)));
                    reply(exchange, proofStatus, proofStatus == 200 ? Map.of("status", "complete")
                            : Map.of("errorCode", "proofRejected", "hintCode", "certificateErr"));
                }
                case "/app/v1/cancel" -> reply(exchange, 200, Map.of("status", "failed"));
                case "/app/v1/poll" -> {
                    // as a service that answers at once, as the Keycloak extension does
                    if (pollRetryAfter != null) {
                        exchange.getResponseHeaders().set("Retry-After", pollRetryAfter);
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> reply(exchange, 404, Map.of("errorCode", "notFound"));
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private String order() throws Exception {
        SignedJWT jws = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("legitimera-order+jwt"))
                .keyID("k1").build(), new JWTClaimsSet.Builder()
                .issuer(origin.toString()).claim("ver", "1").claim("orderRef", "order-1")
                .claim("rpName", "Journalen").claim("rpOrigin", "https://journal.example:443")
                .claim("message", "Logga in i journalen").claim("challenge", "Y2hhbGxlbmdlY2hhbGxlbmdlY2hhbGxlbmdl")
                .claim("requestedLoa", 3)
                .issueTime(new Date()).expirationTime(Date.from(orderExpiry)).build());
        jws.sign(new ECDSASigner(orderKey));
        String compact = jws.serialize();
        if (tamperOrder) {
            String[] parts = compact.split("\\.");
            String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("Journalen", "Fejktjänst");
            compact = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        }
        return compact;
    }

    private static void reply(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
