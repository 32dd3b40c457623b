package se.legitimera.devkit.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import se.legitimera.oob.HintCode;

/**
 * Verifies card-signed JWS (proofs and poll-session requests): the signature with the x5c leaf key under
 * an algorithm that fits the key, the type, audience, freshness and single use of the {@code jti}, then the
 * certificate. Thread-safe.
 */
final class SignedRequestVerifier {

    static final JOSEObjectType PROOF_TYPE = new JOSEObjectType("legitimera-proof+jwt");
    static final JOSEObjectType POLL_TYPE = new JOSEObjectType("legitimera-poll+jwt");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    /** Checks the request's own claims (binding to an order) before the certificate is looked at. */
    @FunctionalInterface
    interface ClaimsCheck {
        void check(JWTClaimsSet claims) throws ProofRejection;
    }

    /** A verified signed request. */
    record Verified(JWTClaimsSet claims, VerifiedHolder holder) {
    }

    private final Clock clock;
    private final String audience;
    private final Duration skew;
    private final HolderCertificateVerifier certificates;
    /** jti -> when it may be forgotten (after it could no longer pass the freshness check anyway). */
    private final Map<String, Instant> usedIds = new ConcurrentHashMap<>();

    SignedRequestVerifier(Clock clock, String audience, Duration skew, HolderCertificateVerifier certificates) {
        this.clock = clock;
        this.audience = audience;
        this.skew = skew;
        this.certificates = certificates;
    }

    /**
     * @param notBefore the earliest acceptable {@code iat} (order creation for proofs)
     * @param requiredLoa trust level the holder's certificate must reach
     * @param binding     checks run after signature and freshness, before the (costlier) certificate checks
     */
    Verified verify(String compact, JOSEObjectType type, Instant notBefore, OptionalInt requiredLoa,
                    ClaimsCheck binding) throws ProofRejection {
        SignedJWT jws;
        JWTClaimsSet claims;
        try {
            jws = SignedJWT.parse(compact);
            claims = jws.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new ProofRejection("not a JWS: " + e.getMessage(), null, false);
        }
        if (!type.equals(jws.getHeader().getType())) {
            throw new ProofRejection("wrong JWS type " + jws.getHeader().getType(), null, false);
        }
        JWSAlgorithm alg = jws.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw new ProofRejection("algorithm " + alg + " not allowed", null, false);
        }
        List<Base64> x5c = jws.getHeader().getX509CertChain();
        if (x5c == null || x5c.isEmpty()) {
            throw new ProofRejection("no x5c certificate chain", null, false);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Base64 der : x5c) {
            X509Certificate certificate = X509CertUtils.parse(der.decode());
            if (certificate == null) {
                throw new ProofRejection("unreadable certificate in x5c", null, false);
            }
            chain.add(certificate);
        }
        try {
            JWSVerifier verifier = switch (chain.getFirst().getPublicKey()) {
                case RSAPublicKey rsa when JWSAlgorithm.Family.RSA.contains(alg) -> new RSASSAVerifier(rsa);
                case ECPublicKey ec when JWSAlgorithm.Family.EC.contains(alg) -> new ECDSAVerifier(ec);
                default -> throw new ProofRejection("algorithm " + alg + " does not fit the certificate's key", null, false);
            };
            if (!jws.verify(verifier)) {
                throw new ProofRejection("signature does not verify with the certificate's key", null, false);
            }
        } catch (JOSEException e) {
            throw new ProofRejection("signature cannot be checked: " + e.getMessage(), null, false);
        }
        Instant now = clock.instant();
        try {
            if (!"1".equals(claims.getStringClaim("ver"))) {
                throw new ProofRejection("unsupported version " + claims.getClaim("ver"), null, false);
            }
        } catch (ParseException e) {
            throw new ProofRejection("malformed ver", null, false);
        }
        if (claims.getAudience().size() != 1 || !audience.equals(claims.getAudience().getFirst())) {
            throw new ProofRejection("signed for audience " + claims.getAudience() + ", this service is " + audience, null, false);
        }
        if (claims.getIssueTime() == null) {
            throw new ProofRejection("no iat", null, false);
        }
        Instant iat = claims.getIssueTime().toInstant();
        if (iat.isBefore(notBefore.minus(skew)) || iat.isAfter(now.plus(skew))) {
            throw new ProofRejection("iat " + iat + " outside the accepted window", null, false);
        }
        binding.check(claims);
        String jti = claims.getJWTID();
        if (jti == null || jti.length() < 16) {
            throw new ProofRejection("no jti", null, false);
        }
        usedIds.values().removeIf(until -> until.isBefore(now)); // forget ids whose iat can no longer pass
        if (usedIds.putIfAbsent(jti, iat.plus(skew).plus(Duration.ofHours(1))) != null) {
            throw new ProofRejection("replayed (jti already used)", null, false);
        }
        try {
            return new Verified(claims, certificates.verify(chain, now, requiredLoa));
        } catch (CertificateRejectedException e) {
            throw new ProofRejection(e.getMessage(), HintCode.CERTIFICATE_ERR, true);
        }
    }
}
