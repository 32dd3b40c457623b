package se.legitimera.oob.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.CancelReason;
import se.legitimera.oob.HintCode;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobException;
import se.legitimera.oob.Order;
import se.legitimera.oob.OrderCancelledException;
import se.legitimera.oob.OrderExpiredException;
import se.legitimera.oob.OrderNotFoundException;
import se.legitimera.oob.OrderSignatureInvalidException;
import se.legitimera.oob.OriginNotAllowedException;
import se.legitimera.oob.PollAnswer;
import se.legitimera.oob.PollSession;
import se.legitimera.oob.ProofAlgorithm;
import se.legitimera.oob.ProofRejectedException;
import se.legitimera.oob.ProofSigner;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.ProtocolViolationException;
import se.legitimera.oob.ServiceCertificateUntrustedException;
import se.legitimera.oob.ServiceCheck;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.ServiceUnavailableException;
import se.legitimera.oob.TlsInterceptionDetectedException;

/** Protocol v1 client; immutable after construction, thread-safe (the key cache is concurrent). */
public final class DefaultOobClient implements OobClient {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultOobClient.class);

    static final String JWKS_PATH = "/.well-known/legitimera/jwks.json";
    static final JOSEObjectType ORDER_TYPE = new JOSEObjectType("legitimera-order+jwt");
    static final JOSEObjectType PROOF_TYPE = new JOSEObjectType("legitimera-proof+jwt");
    static final JOSEObjectType POLL_TYPE = new JOSEObjectType("legitimera-poll+jwt");
    private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(30);

    private final ClientConfiguration config;
    private final ServiceTransport transport;
    private final Map<ServiceOrigin, JWKSet> fetchedKeys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public DefaultOobClient(ClientConfiguration config) {
        this.config = config;
        try {
            this.transport = new ServiceTransport(config);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public Order fetchOrder(AutoStartLink link) throws OobException {
        ServiceOrigin service = allowed(link.service());
        ServiceTransport.Reply reply = transport.postRead(service, "/app/v1/order",
                Map.of("autoStartToken", link.autoStartToken()), Duration.ZERO);
        Map<String, Object> body = success(service, reply);
        SignedJWT jws;
        JWTClaimsSet claims;
        try {
            jws = SignedJWT.parse(text(body, "order"));
            claims = jws.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new OrderSignatureInvalidException("the order is not a JWS: " + e.getMessage(), null, e);
        }
        verifyOrderSignature(service, jws);
        return toOrder(link, claims);
    }

    private void verifyOrderSignature(ServiceOrigin service, SignedJWT jws) throws OobException {
        if (!ORDER_TYPE.equals(jws.getHeader().getType())) {
            throw new OrderSignatureInvalidException("the JWS is not an order (typ " + jws.getHeader().getType() + ")");
        }
        String kid = jws.getHeader().getKeyID();
        JWK key = orderKey(service, kid, false);
        if (key == null) {
            key = orderKey(service, kid, true); // the service may have rotated its key since we cached the set
        }
        if (key == null) {
            throw new OrderSignatureInvalidException("no order-signing key " + kid + " at " + service);
        }
        try {
            JWSVerifier verifier = switch (key) {
                case ECKey ec -> new ECDSAVerifier(ec.toECPublicKey());
                case RSAKey rsa -> new RSASSAVerifier(rsa.toRSAPublicKey());
                default -> throw new OrderSignatureInvalidException("unsupported order key type " + key.getKeyType());
            };
            if (!jws.verify(verifier)) {
                throw new OrderSignatureInvalidException("the order's signature does not verify with " + service + "'s key " + kid);
            }
        } catch (JOSEException e) {
            throw new OrderSignatureInvalidException("the order's signature cannot be checked: " + e.getMessage(), null, e);
        }
    }

    private JWK orderKey(ServiceOrigin service, String kid, boolean refresh) throws OobException {
        JWKSet configured = config.orderKeys().get(service);
        if (configured == null) {
            configured = config.orderKeys().get(service.origin()); // keys configured for the whole origin
        }
        if (configured != null) {
            return refresh ? null : pick(configured, kid);
        }
        JWKSet set = refresh ? null : fetchedKeys.get(service);
        if (set == null) {
            Map<String, Object> body = success(service, transport.get(service, JWKS_PATH));
            try {
                set = JWKSet.parse(body).toPublicJWKSet();
            } catch (ParseException e) {
                throw new ProtocolViolationException(service + JWKS_PATH + " is not a JWK set", null, e);
            }
            fetchedKeys.put(service, set);
        }
        return pick(set, kid);
    }

    private static JWK pick(JWKSet set, String kid) {
        if (kid == null) {
            return set.getKeys().size() == 1 ? set.getKeys().getFirst() : null;
        }
        return set.getKeyByKeyId(kid);
    }

    private Order toOrder(AutoStartLink link, JWTClaimsSet claims) throws OobException {
        try {
            if (!link.service().toString().equals(claims.getIssuer())) {
                throw new OrderSignatureInvalidException("the order was issued by " + claims.getIssuer()
                        + ", not by " + link.service());
            }
            if (!"1".equals(claims.getStringClaim("ver"))) {
                throw new ProtocolViolationException("unsupported order version " + claims.getClaim("ver"));
            }
            String orderRef = required(claims.getStringClaim("orderRef"), "orderRef");
            String challenge = required(claims.getStringClaim("challenge"), "challenge");
            if (new Base64URL(challenge).decode().length < 16) {
                throw new OrderSignatureInvalidException("the order's challenge is shorter than 16 bytes");
            }
            Date iat = claims.getIssueTime();
            Date exp = claims.getExpirationTime();
            if (iat == null || exp == null) {
                throw new OrderSignatureInvalidException("the order lacks iat or exp");
            }
            Instant now = config.clock().instant();
            if (!now.isBefore(exp.toInstant())) {
                throw new OrderExpiredException("the order expired at " + exp.toInstant(), HintCode.EXPIRED_TRANSACTION, null);
            }
            Integer loa = claims.getIntegerClaim("requestedLoa");
            return new Order(link, orderRef, required(claims.getStringClaim("rpName"), "rpName"),
                    required(claims.getStringClaim("rpOrigin"), "rpOrigin"),
                    Optional.ofNullable(claims.getStringClaim("message")), challenge,
                    loa == null ? OptionalInt.empty() : OptionalInt.of(loa),
                    Optional.ofNullable(claims.getStringClaim("hsaId")), iat.toInstant(), exp.toInstant());
        } catch (ParseException e) {
            throw new OrderSignatureInvalidException("the order's claims are malformed: " + e.getMessage(), null, e);
        }
    }

    private static String required(String value, String name) throws OrderSignatureInvalidException {
        if (value == null || value.isBlank()) {
            throw new OrderSignatureInvalidException("the order lacks " + name);
        }
        return value;
    }

    @Override
    public void complete(Order order, ProofSigner signer) throws OobException, ProofSigningException {
        ServiceOrigin service = allowed(order.service());
        if (!config.clock().instant().isBefore(order.expiresAt())) {
            throw new OrderExpiredException("the order expired at " + order.expiresAt(), HintCode.EXPIRED_TRANSACTION, null);
        }
        Map<String, Object> claims = new HashMap<>();
        claims.put("ver", "1");
        claims.put("orderRef", order.orderRef());
        claims.put("challenge", order.challenge());
        claims.put("aud", service.toString());
        claims.put("origin", order.rpOrigin());
        claims.put("iat", config.clock().instant().getEpochSecond());
        claims.put("jti", newId());
        String proof = sign(PROOF_TYPE, claims, signer);
        ServiceTransport.Reply reply = transport.postOnce(service, "/app/v1/proof",
                Map.of("autoStartToken", order.link().autoStartToken(), "proof", proof));
        success(service, reply);
        LOG.info("proof for order {} accepted by {}", order.orderRef(), service);
    }

    @Override
    public void cancel(Order order, CancelReason reason) throws OobException {
        ServiceOrigin service = allowed(order.service());
        success(service, transport.postOnce(service, "/app/v1/cancel",
                Map.of("autoStartToken", order.link().autoStartToken(), "reason", reason.hintCode().code())));
    }

    @Override
    public PollSession openPollSession(ServiceOrigin service, ProofSigner signer) throws OobException, ProofSigningException {
        allowed(service);
        Map<String, Object> claims = new HashMap<>();
        claims.put("ver", "1");
        claims.put("aud", service.toString());
        claims.put("iat", config.clock().instant().getEpochSecond());
        claims.put("jti", newId());
        String request = sign(POLL_TYPE, claims, signer);
        Map<String, Object> body = success(service, transport.postOnce(service, "/app/v1/poll/session", Map.of("request", request)));
        Object expiresIn = body.get("expiresIn");
        if (!(expiresIn instanceof Number seconds)) {
            throw new ProtocolViolationException("poll session without expiresIn");
        }
        return new PollSession(service, text(body, "hsaId"), text(body, "pollSession"),
                config.clock().instant().plusSeconds(seconds.longValue()));
    }

    @Override
    public PollAnswer awaitOrder(PollSession session, Duration wait) throws OobException {
        ServiceOrigin service = allowed(session.service());
        Duration capped = wait.compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : wait;
        ServiceTransport.Reply reply = transport.postRead(service, "/app/v1/poll",
                Map.of("pollSession", session.token(), "waitSeconds", capped.toSeconds()), capped);
        if (reply.status() == 204) {
            return PollAnswer.none(reply.retryAfter());
        }
        Map<String, Object> body = success(service, reply);
        return PollAnswer.of(new AutoStartLink(service, text(body, "autoStartToken")));
    }

    private String sign(JOSEObjectType type, Map<String, Object> claims, ProofSigner signer)
            throws ProofSigningException, OobException {
        List<X509Certificate> chain = signer.certificateChain();
        if (chain.isEmpty()) {
            throw new ProofSigningException(ProofSigningException.Reason.CARD_ERROR, "the card has no identification certificate");
        }
        ProofAlgorithm algorithm = switch (chain.getFirst().getPublicKey()) {
            case RSAPublicKey rsa -> config.rsaAlgorithm();
            case ECPublicKey ec when ec.getParams().getCurve().getField().getFieldSize() == 256 -> ProofAlgorithm.ES256;
            case ECPublicKey ec when ec.getParams().getCurve().getField().getFieldSize() == 384 -> ProofAlgorithm.ES384;
            default -> throw new ProofSigningException(ProofSigningException.Reason.CARD_ERROR,
                    "unsupported card key " + chain.getFirst().getPublicKey().getAlgorithm());
        };
        List<Base64> x5c = new ArrayList<>();
        try {
            for (X509Certificate c : chain) {
                x5c.add(Base64.encode(c.getEncoded()));
            }
        } catch (CertificateEncodingException e) {
            throw new ProofSigningException(ProofSigningException.Reason.CARD_ERROR, -1, "unreadable card certificate", e);
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.name())).type(type).x509CertChain(x5c).build();
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(
                com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign(algorithm, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(signature);
    }

    @Override
    public ServiceCheck check(ServiceOrigin service) {
        if (!isAllowed(service)) {
            return new ServiceCheck(service, ServiceCheck.Outcome.NOT_ALLOWED, "not an allowed service");
        }
        try {
            ServiceTransport.Reply reply = transport.get(service, JWKS_PATH);
            if (reply.status() >= 500) {
                return new ServiceCheck(service, ServiceCheck.Outcome.UNREACHABLE, "HTTP " + reply.status());
            }
            // Any answer below 500 went through the whole TLS check, pins included.
            boolean pinned = !config.pins().getOrDefault(service.origin(), Set.of()).isEmpty();
            return new ServiceCheck(service, pinned ? ServiceCheck.Outcome.REACHED_PIN_MATCHED
                    : ServiceCheck.Outcome.REACHED_NOT_PINNED, "HTTP " + reply.status());
        } catch (TlsInterceptionDetectedException e) {
            return new ServiceCheck(service, ServiceCheck.Outcome.PIN_MISMATCH, e.getMessage());
        } catch (ServiceCertificateUntrustedException e) {
            return new ServiceCheck(service, ServiceCheck.Outcome.CERTIFICATE_UNTRUSTED, e.getMessage());
        } catch (OobException e) {
            return new ServiceCheck(service, ServiceCheck.Outcome.UNREACHABLE, e.getMessage());
        }
    }

    /**
     * An allowlist entry names an origin, which allows every service under it (protocol 1.1 services live under
     * a path), or one service URL with its path, which allows only that one.
     */
    private boolean isAllowed(ServiceOrigin service) {
        return config.allowedOrigins().contains(service) || config.allowedOrigins().contains(service.origin());
    }

    private ServiceOrigin allowed(ServiceOrigin service) throws OriginNotAllowedException {
        if (!isAllowed(service)) {
            throw new OriginNotAllowedException(service + " is not an allowed authentication service");
        }
        return service;
    }

    /** The body of a 200 answer, or the exception its error names. */
    private static Map<String, Object> success(ServiceOrigin service, ServiceTransport.Reply reply) throws OobException {
        if (!reply.json() && reply.status() < 500) {
            throw new ProtocolViolationException(service + " answered HTTP " + reply.status() + " with a body that is not JSON");
        }
        if (reply.status() == 200) {
            return reply.body();
        }
        Object code = reply.body().get("errorCode");
        Object hintText = reply.body().get("hintCode");
        HintCode hint = hintText instanceof String h ? HintCode.fromCode(h).orElse(null) : null;
        String details = service + " refused (HTTP " + reply.status() + ", " + code
                + (hint == null ? "" : ", " + hint.code()) + ")"
                + (reply.body().get("details") instanceof String d ? ": " + d : "");
        switch (code instanceof String s ? s : "") {
            case "notFound" -> throw new OrderNotFoundException(details, hint, null);
            case "expired" -> throw new OrderExpiredException(details, hint, null);
            case "cancelled", "alreadyCompleted" -> throw new OrderCancelledException(details, hint, null);
            case "proofRejected" -> throw new ProofRejectedException(details, hint,
                    reply.body().get("details") instanceof String d ? d : null, null);
            default -> {
                if (reply.status() >= 500) {
                    throw new ServiceUnavailableException(details, hint, null);
                }
                throw new ProtocolViolationException(details, hint, null);
            }
        }
    }

    private static String text(Map<String, Object> body, String name) throws ProtocolViolationException {
        if (body.get(name) instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new ProtocolViolationException("answer lacks " + name);
    }

    private String newId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64URL.encode(id).toString();
    }

    @Override
    public void close() {
        transport.close();
    }
}
