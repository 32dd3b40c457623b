package se.legitimera.oob.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Verifies card-signed JWS, proofs (section 4.3) and poll requests (section 5), in this order: a compact JWS,
 * {@code typ}, an allowed {@code alg} that fits the {@code x5c} leaf's key, the signature, {@code ver},
 * {@code aud}, the {@code iat} window, the request's binding (order, challenge, origin), single use of the
 * {@code jti}, then the certificate. Immutable and thread-safe.
 */
final class SignedRequestVerifier {

    static final JOSEObjectType PROOF_TYPE = new JOSEObjectType("legitimera-proof+jwt");
    static final JOSEObjectType POLL_TYPE = new JOSEObjectType("legitimera-poll+jwt");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    /** A {@code jti} is remembered this much longer than a request could pass the freshness check. */
    private static final Duration JTI_MARGIN = Duration.ofMinutes(5);

    /** Checks the request's own claims (binding to an order) before the certificate is looked at. */
    @FunctionalInterface
    interface Binding {
        void check(JWTClaimsSet claims) throws ProofRefusedException;
    }

    /** A verified request. */
    record Verified(JWTClaimsSet claims, HolderCertificateValidator.Holder holder) {
    }

    private final Clock clock;
    private final String audience;
    private final Duration skew;
    private final Duration maxAge;
    private final SingleUseStore usedIds;
    private final HolderCertificateValidator certificates;

    /**
     * @param maxAge the longest a request can stay acceptable after its {@code iat} (the order lifetime bound)
     */
    SignedRequestVerifier(Clock clock, ServiceUrl audience, Duration skew, Duration maxAge, SingleUseStore usedIds,
                          HolderCertificateValidator certificates) {
        this.clock = clock;
        this.audience = audience.toString();
        this.skew = skew;
        this.maxAge = maxAge;
        this.usedIds = usedIds;
        this.certificates = certificates;
    }

    /**
     * @param notBefore   the earliest acceptable {@code iat} before the skew (order creation; now for polls)
     * @param requiredLoa trust level the holder's certificate must reach
     */
    Verified verify(String compact, JOSEObjectType type, Instant notBefore, OptionalInt requiredLoa, Binding binding)
            throws ProofRefusedException, StoreException {
        SignedJWT jws;
        JWTClaimsSet claims;
        try {
            jws = SignedJWT.parse(compact);
            claims = jws.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new MalformedProofException("not a signed JWT: " + e.getMessage(), e);
        }
        if (!type.equals(jws.getHeader().getType())) {
            throw new WrongTypeException("JWS typ is " + jws.getHeader().getType() + ", expected " + type);
        }
        JWSAlgorithm alg = jws.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw new UnsupportedAlgorithmException("JWS alg " + alg + " is not allowed");
        }
        List<X509Certificate> chain = chain(jws.getHeader().getX509CertChain());
        verifySignature(jws, alg, chain.getFirst());
        Instant now = clock.instant();
        Object ver = claims.getClaim("ver");
        if (!"1".equals(ver)) {
            throw new UnsupportedVersionException("ver is " + ver + ", this service speaks 1");
        }
        if (claims.getAudience().size() != 1 || !audience.equals(claims.getAudience().getFirst())) {
            throw new WrongAudienceException("aud is " + claims.getAudience() + ", this service is " + audience);
        }
        if (claims.getIssueTime() == null) {
            throw new IssuedAtOutOfWindowException("no iat");
        }
        Instant iat = claims.getIssueTime().toInstant();
        if (iat.isBefore(notBefore.minus(skew)) || iat.isAfter(now.plus(skew))) {
            throw new IssuedAtOutOfWindowException("iat " + iat + " is outside [" + notBefore.minus(skew) + ", "
                    + now.plus(skew) + "]");
        }
        binding.check(claims);
        String jti = claims.getJWTID();
        if (jti == null || jti.length() < 16) {
            throw new ReplayedProofException("no jti of at least 16 characters");
        }
        if (!usedIds.claim("jti:" + jti, iat.plus(skew).plus(maxAge).plus(JTI_MARGIN))) {
            throw new ReplayedProofException("jti " + jti + " was used before (replay)");
        }
        return new Verified(claims, certificates.validate(chain, requiredLoa));
    }

    private static List<X509Certificate> chain(List<Base64> x5c) throws MalformedProofException {
        if (x5c == null || x5c.isEmpty()) {
            throw new MalformedProofException("no x5c certificate chain");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Base64 der : x5c) {
            X509Certificate certificate = X509CertUtils.parse(der.decode());
            if (certificate == null) {
                throw new MalformedProofException("unreadable certificate in x5c");
            }
            chain.add(certificate);
        }
        return chain;
    }

    private static void verifySignature(SignedJWT jws, JWSAlgorithm alg, X509Certificate leaf)
            throws ProofRefusedException {
        try {
            JWSVerifier verifier = switch (leaf.getPublicKey()) {
                case RSAPublicKey rsa when JWSAlgorithm.Family.RSA.contains(alg) -> new RSASSAVerifier(rsa);
                case ECPublicKey ec when JWSAlgorithm.Family.EC.contains(alg) && Curve.forJWSAlgorithm(alg).contains(Curve.forECParameterSpec(ec.getParams())) ->
                        new ECDSAVerifier(ec);
                default -> throw new AlgorithmMismatchException("alg " + alg + " does not fit the certificate's "
                        + leaf.getPublicKey().getAlgorithm() + " key");
            };
            if (!jws.verify(verifier)) {
                throw new BadSignatureException("the signature does not verify with the x5c leaf's key");
            }
        } catch (JOSEException e) {
            throw new BadSignatureException("the signature cannot be checked: " + e.getMessage(), e);
        }
    }
}
