package se.legitimera.smartcard.cert;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RevocationChecker} by OCSP with Bouncy Castle. */
final class OcspRevocationChecker implements RevocationChecker {

    private static final Logger LOG = LoggerFactory.getLogger(OcspRevocationChecker.class);

    private final OcspTransport transport;
    private final Clock clock;
    private final Duration timeout;
    private final Duration skew;
    private final SecureRandom random = new SecureRandom();
    private final Optional<URI> fixedResponder;
    private final Optional<Duration> maxCacheAge;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(RevocationResult result, Instant until) {
    }

    OcspRevocationChecker(OcspTransport transport, Clock clock, Duration timeout, Duration skew, URI fixedResponder,
            Duration maxCacheAge) {
        this.transport = transport;
        this.clock = clock;
        this.timeout = timeout;
        this.skew = skew;
        this.fixedResponder = Optional.ofNullable(fixedResponder);
        this.maxCacheAge = Optional.ofNullable(maxCacheAge);
    }

    @Override
    public RevocationResult check(X509Certificate certificate, X509Certificate issuer) {
        CertificateID id;
        X509CertificateHolder issuerHolder;
        try {
            issuerHolder = new JcaX509CertificateHolder(issuer);
            id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuerHolder, certificate.getSerialNumber());
        } catch (CertificateEncodingException | OperatorCreationException | OCSPException e) {
            return RevocationResult.unknown("cannot build OCSP certificate id: " + e.getMessage(), null);
        }
        String key = HexFormat.of().formatHex(id.getIssuerNameHash()) + HexFormat.of().formatHex(id.getIssuerKeyHash())
                + ":" + certificate.getSerialNumber().toString(16);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.result();
        }
        List<URI> responders = fixedResponder.map(List::of).orElseGet(() ->
                SithsCertificateReader.builder().withClock(clock).build().read(certificate).ocspUrls());
        if (responders.isEmpty()) {
            return RevocationResult.unknown("certificate names no OCSP responder", null);
        }
        RevocationResult result = null;
        for (URI responder : responders) {
            result = ask(responder, id, issuer, issuerHolder);
            if (result.status() != RevocationStatus.UNKNOWN) {
                break;
            }
        }
        RevocationResult answer = result;
        if (answer.status() != RevocationStatus.UNKNOWN) {
            cacheUntil(answer, now).ifPresent(until -> cache.put(key, new Cached(answer, until)));
        }
        return answer;
    }

    /** Until nextUpdate, capped by the max cache age; without nextUpdate only for the max cache age. */
    private Optional<Instant> cacheUntil(RevocationResult result, Instant now) {
        Optional<Instant> capped = maxCacheAge.filter(age -> !age.isZero()).map(now::plus);
        if (maxCacheAge.isPresent() && maxCacheAge.get().isZero()) {
            return Optional.empty();
        }
        if (result.nextUpdate().isEmpty()) {
            return capped;
        }
        Instant next = result.nextUpdate().get();
        return Optional.of(capped.filter(c -> c.isBefore(next)).orElse(next));
    }

    private RevocationResult ask(URI responder, CertificateID id, X509Certificate issuer, X509CertificateHolder issuerHolder) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        byte[] responseBytes;
        try {
            OCSPReq request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                            new DEROctetString(new DEROctetString(nonce).getEncoded()))))
                    .build();
            responseBytes = transport.post(responder, request.getEncoded(), timeout);
        } catch (IOException | OCSPException e) {
            LOG.info("OCSP {} not reachable: {}", responder, e.getMessage());
            return RevocationResult.unreachable("responder not reachable: " + e.getMessage(), responder);
        }
        try {
            OCSPResp response = new OCSPResp(responseBytes);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                return RevocationResult.unknown("responder status " + response.getStatus(), responder);
            }
            BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
            if (!signedByIssuerOrDelegate(basic, issuer, issuerHolder)) {
                return RevocationResult.unknown("response signature not from the issuer or a delegated responder", responder);
            }
            Extension nonceExt = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonceExt != null && !nonceMatches(nonceExt, nonce)) {
                return RevocationResult.unknown("nonce mismatch", responder);
            }
            Instant now = clock.instant();
            for (SingleResp single : basic.getResponses()) {
                if (!single.getCertID().equals(id)) {
                    continue;
                }
                Instant thisUpdate = single.getThisUpdate().toInstant();
                Optional<Instant> nextUpdate = Optional.ofNullable(single.getNextUpdate()).map(java.util.Date::toInstant);
                if (thisUpdate.isAfter(now.plus(skew))) {
                    return RevocationResult.unknown("response thisUpdate is in the future", responder);
                }
                if (nextUpdate.isPresent() && nextUpdate.get().isBefore(now.minus(skew))) {
                    return RevocationResult.unknown("response is stale (nextUpdate passed)", responder);
                }
                CertificateStatus status = single.getCertStatus();
                if (status == CertificateStatus.GOOD) {
                    return new RevocationResult(RevocationStatus.GOOD, "OCSP good", Optional.of(responder),
                            Optional.empty(), nextUpdate);
                }
                if (status instanceof RevokedStatus revoked) {
                    return new RevocationResult(RevocationStatus.REVOKED, "OCSP revoked", Optional.of(responder),
                            Optional.of(revoked.getRevocationTime().toInstant()), nextUpdate);
                }
                return RevocationResult.unknown("responder does not know the certificate", responder);
            }
            return RevocationResult.unknown("response does not cover the certificate", responder);
        } catch (IOException | OCSPException | ClassCastException | IllegalArgumentException e) {
            return RevocationResult.unknown("malformed OCSP response: " + e.getMessage(), responder);
        }
    }

    /** RFC 6960 wraps the nonce in an OCTET STRING; some responders echo it bare. */
    private static boolean nonceMatches(Extension extension, byte[] nonce) {
        byte[] value = extension.getExtnValue().getOctets();
        if (Arrays.equals(value, nonce)) {
            return true;
        }
        try {
            return Arrays.equals(DEROctetString.getInstance(value).getOctets(), nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The issuer itself, or a certificate in the response that the issuer signed for OCSP signing. */
    private boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509Certificate issuer, X509CertificateHolder issuerHolder) {
        try {
            JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
            ContentVerifierProvider issuerVerifier = verifiers.build(issuer.getPublicKey());
            if (basic.isSignatureValid(issuerVerifier)) {
                return true;
            }
            List<X509CertificateHolder> delegates = new ArrayList<>(Arrays.asList(basic.getCerts()));
            Instant now = clock.instant();
            for (X509CertificateHolder delegate : delegates) {
                ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(delegate.getExtensions());
                boolean current = !now.isBefore(delegate.getNotBefore().toInstant().minus(skew))
                        && !now.isAfter(delegate.getNotAfter().toInstant().plus(skew));
                if (eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning) && current
                        && delegate.getIssuer().equals(issuerHolder.getSubject())
                        && delegate.isSignatureValid(issuerVerifier)
                        && basic.isSignatureValid(verifiers.build(delegate))) {
                    return true;
                }
            }
            return false;
        } catch (OperatorCreationException | OCSPException | org.bouncycastle.cert.CertException | java.security.cert.CertificateException e) {
            LOG.debug("OCSP signature check failed: {}", e.getMessage());
            return false;
        }
    }
}
