package se.legitimera.oob.server;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A software card: a private key and the certificates it sends as x5c. Signs proofs and poll requests the
 * way the app does; a test changes the claims or the header to make the request it needs.
 */
record Card(PrivateKey key, List<X509Certificate> x5c) {

    /** The same key with other x5c certificates (e.g. the leaf only). */
    Card sending(List<X509Certificate> certificates) {
        return new Card(key, certificates);
    }

    X509Certificate certificate() {
        return x5c.getFirst();
    }

    /** The proof the app would sign for {@code order} at {@code iat}, for the service at {@code aud}. */
    String proof(OrderRecord order, String aud, Instant iat) {
        return proof(order, aud, iat, claims -> claims);
    }

    String proof(OrderRecord order, String aud, Instant iat, UnaryOperator<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("ver", "1").claim("orderRef", order.orderRef())
                .claim("challenge", order.challenge()).audience(aud).claim("origin", order.rpOrigin())
                .issueTime(Date.from(iat)).jwtID(UUID.randomUUID().toString());
        return sign("legitimera-proof+jwt", defaultAlgorithm(), change.apply(claims).build());
    }

    String pollRequest(String aud, Instant iat) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("ver", "1").audience(aud).issueTime(Date.from(iat))
                .jwtID(UUID.randomUUID().toString()).build();
        return sign("legitimera-poll+jwt", defaultAlgorithm(), claims);
    }

    String defaultAlgorithm() {
        return switch (key.getAlgorithm()) {
            case "EC" -> ((java.security.interfaces.ECKey) key).getParams().getCurve().getField().getFieldSize() == 384
                    ? "ES384" : "ES256";
            default -> "RS256";
        };
    }

    /**
     * Signs with this card's key under header {@code alg} whether or not it fits the key (JCA signs what it is
     * told; Nimbus's signers would refuse), so that a test can send an algorithm that does not fit.
     */
    String sign(String type, String alg, JWTClaimsSet claims) {
        return sign(type, alg, alg, claims);
    }

    /** Names {@code headerAlg} in the header but signs with {@code signAlg}. */
    String sign(String type, String headerAlg, String signAlg, JWTClaimsSet claims) {
        List<Base64> chain = new ArrayList<>();
        try {
            for (X509Certificate certificate : x5c) {
                chain.add(Base64.encode(certificate.getEncoded()));
            }
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(headerAlg)).type(new JOSEObjectType(type))
                    .x509CertChain(chain).build();
            String input = header.toBase64URL() + "." + Base64URL.encode(claims.toString());
            return new SignedJWT(header.toBase64URL(), Base64URL.encode(claims.toString()),
                    Base64URL.encode(sign(signAlg, input.getBytes(StandardCharsets.US_ASCII)))).serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sign(String alg, byte[] input) throws Exception {
        java.security.Signature signature = SoftwareOrderSigningKey.JwsSignatures.forAlgorithm(alg);
        signature.initSign(key);
        signature.update(input);
        return signature.sign();
    }
}
