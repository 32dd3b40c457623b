package se.legitimera.keycloak.stack;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.TestPki;

/**
 * The app's side of the protocol with a software card key (P-256) and a certificate from a test PKI: fetches
 * and verifies the order, signs and posts the proof, or cancels. An independent second client of the
 * protocol for the extension's refusal tests and the benchmark, where the real app's card and dialog
 * would only add time; the stack tests of the happy path drive the real app.
 */
public final class SoftwareCardApp {

    private final HttpClient http;
    private final KeyPair keys;
    private final List<X509Certificate> chain;
    private final Route route;

    private SoftwareCardApp(HttpClient http, KeyPair keys, List<X509Certificate> chain, Route route) {
        this.http = http;
        this.keys = keys;
        this.chain = chain;
        this.route = route;
    }

    /** A card for {@code holder} issued by {@code pki}; {@code x5c} carries the leaf and the issuing CA. */
    public static SoftwareCardApp issuedBy(TestPki pki, Holder holder, SSLContext tls) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X509Certificate auth = pki.issuePerson(holder, keys.getPublic(), generator.generateKeyPair().getPublic())
                .authentication();
        // HTTP/1.1 as the app speaks it: the JDK client refuses, rather than queues, streams beyond a server's HTTP/2 limit
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new SoftwareCardApp(http, keys, pki.chainFor(auth).subList(0, 2), Route.DIRECT);
    }

    /**
     * The same card whose requests go where {@code route} sends them (one node of a cluster); the link, the
     * order's issuer and the proof's audience stay the service's public URL.
     */
    public SoftwareCardApp via(Route route) {
        return new SoftwareCardApp(http, keys, chain, route);
    }

    /** The link's parts: the service URL and the autostart token. */
    public record Link(URI service, String token) {
        public static Link parse(String link) {
            URI uri = URI.create(link);
            if (!"legitimera".equals(uri.getScheme())) {
                throw new IllegalArgumentException("not a legitimera link: " + link);
            }
            Map<String, String> query = new HashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return new Link(URI.create(query.get("service")), query.get("token"));
        }
    }

    /** A fetched and verified order. */
    public record Order(Link link, SignedJWT jws, JWTClaimsSet claims) {
        public String orderRef() throws Exception {
            return claims.getStringClaim("orderRef");
        }
    }

    /** An HTTP answer of the service, with its {@code Retry-After} header if it had one. */
    public record Reply(int status, String body, Optional<String> retryAfter) {
    }

    /**
     * {@code POST /app/v1/order}, then the order's signature with the service's JWK set, its {@code typ},
     * {@code iss} and {@code exp}, as the app checks them.
     */
    public Order fetch(String link) throws Exception {
        Link parsed = Link.parse(link);
        Reply reply = post(parsed.service(), "/app/v1/order", Map.of("autoStartToken", parsed.token()));
        if (reply.status() != 200) {
            throw new AssertionError("order fetch answered " + reply.status() + ": " + reply.body());
        }
        SignedJWT jws = SignedJWT.parse((String) JSONObjectUtils.parse(reply.body()).get("order"));
        if (!new JOSEObjectType("legitimera-order+jwt").equals(jws.getHeader().getType())) {
            throw new AssertionError("order typ " + jws.getHeader().getType());
        }
        JWKSet keys = JWKSet.parse(get(parsed.service(), "/.well-known/legitimera/jwks.json").body());
        JWK key = keys.getKeyByKeyId(jws.getHeader().getKeyID());
        if (key == null) {
            throw new AssertionError("no key " + jws.getHeader().getKeyID() + " in the service's JWK set");
        }
        JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
        if (!jws.verify(verifier)) {
            throw new AssertionError("the order's signature does not verify");
        }
        JWTClaimsSet claims = jws.getJWTClaimsSet();
        if (!parsed.service().toString().equals(claims.getIssuer())) {
            throw new AssertionError("order iss " + claims.getIssuer() + ", link service " + parsed.service());
        }
        if (!claims.getExpirationTime().after(new Date())) {
            throw new AssertionError("order already expired");
        }
        return new Order(parsed, jws, claims);
    }

    /** The proof JWS for an order, with the audience the app would put in (the service it connected to). */
    public String proofFor(Order order, URI audience) throws Exception {
        return signed("legitimera-proof+jwt", new JWTClaimsSet.Builder()
                .claim("ver", "1")
                .claim("orderRef", order.orderRef())
                .claim("challenge", order.claims().getStringClaim("challenge"))
                .audience(audience.toString())
                .claim("origin", order.claims().getStringClaim("rpOrigin"))
                .issueTime(new Date())
                .jwtID(UUID.randomUUID().toString())
                .build());
    }

    /**
     * Waits for a login addressed to this card's holder as the app in poll mode does (protocol section 5): a
     * card-signed poll session at {@code service}, then polls until an order arrives.
     *
     * @return the order's link, as the app continues with it
     * @throws AssertionError when the service refuses the session or no order arrives within {@code timeout}
     */
    public String awaitAddressedOrder(URI service, Duration timeout) throws Exception {
        String session = openPollSession(service);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Reply poll = poll(service, session);
            if (poll.status() == 200) {
                return "legitimera://auth?service=" + URLEncoder.encode(service.toString(), StandardCharsets.UTF_8)
                        + "&token=" + JSONObjectUtils.parse(poll.body()).get("autoStartToken");
            }
            if (poll.status() != 204) {
                throw new AssertionError("poll answered " + poll.status() + ": " + poll.body());
            }
            Thread.sleep(250); // this service answers at once; the app would wait for its Retry-After
        }
        throw new AssertionError("no login addressed to the card holder arrived at " + service + " in " + timeout);
    }

    /** A poll session at {@code service}, opened with a card-signed request: its token. */
    public String openPollSession(URI service) throws Exception {
        Reply session = post(service, "/app/v1/poll/session", Map.of("request", signed("legitimera-poll+jwt",
                new JWTClaimsSet.Builder().claim("ver", "1").audience(service.toString()).issueTime(new Date())
                        .jwtID(UUID.randomUUID().toString()).build())));
        if (session.status() != 200) {
            throw new AssertionError("poll session answered " + session.status() + ": " + session.body());
        }
        return (String) JSONObjectUtils.parse(session.body()).get("pollSession");
    }

    /** One {@code POST /app/v1/poll} asking the service to wait 5 s. */
    public Reply poll(URI service, String session) throws Exception {
        return post(service, "/app/v1/poll", Map.of("pollSession", session, "waitSeconds", 5));
    }

    /** A JWS of {@code type} as the app signs proofs and poll requests: ES256, {@code x5c} leaf and issuing CA. */
    private String signed(String type, JWTClaimsSet claims) throws Exception {
        List<Base64> x5c = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            try {
                x5c.add(Base64.encode(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(type))
                .x509CertChain(x5c).build();
        SignedJWT jws = new SignedJWT(header, claims);
        jws.sign(new ECDSASigner((ECPrivateKey) keys.getPrivate()));
        return jws.serialize();
    }

    /** {@code POST /app/v1/proof} of a proof made for this order. */
    public Reply approve(Order order) throws Exception {
        return postProof(order.link(), proofFor(order, order.link().service()));
    }

    /** {@code POST /app/v1/proof} of any proof with this link's token, to this link's service. */
    public Reply postProof(Link link, String proof) throws Exception {
        return post(link.service(), "/app/v1/proof", Map.of("autoStartToken", link.token(), "proof", proof));
    }

    /** {@code POST /app/v1/cancel} with a reason of section 4.4. */
    public Reply cancel(Order order, String reason) throws Exception {
        return post(order.link().service(), "/app/v1/cancel",
                Map.of("autoStartToken", order.link().token(), "reason", reason));
    }

    private Reply post(URI service, String path, Map<String, Object> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(route.apply(URI.create(service + path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body)))
                .timeout(Duration.ofSeconds(20)).build();
        return reply(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private Reply get(URI service, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(route.apply(URI.create(service + path)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        return reply(response);
    }

    private static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    }
}
