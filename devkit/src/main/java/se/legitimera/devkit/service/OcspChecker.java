package se.legitimera.devkit.service;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks one configured OCSP responder about a certificate and accepts only a fresh, nonce-bound, "good"
 * answer signed by the issuing CA. Fails closed: unreachable, unknown or revoked all reject.
 */
final class OcspChecker {

    private final URI responder;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    OcspChecker(URI responder) {
        this.responder = responder;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).proxy(HttpClient.Builder.NO_PROXY).build();
    }

    URI responder() {
        return responder;
    }

    void requireGood(X509Certificate certificate, X509Certificate issuer, Instant now) throws CertificateRejectedException {
        try {
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuerHolder, certificate.getSerialNumber());
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            // RFC 8954: the extension value is the DER encoding of an OCTET STRING holding the nonce.
            Extension sentNonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce).getEncoded());
            OCSPReq request = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(sentNonce)).build();
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(responder)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            OCSPResp ocsp = new OCSPResp(response.body());
            if (ocsp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new CertificateRejectedException("OCSP responder answered status " + ocsp.getStatus());
            }
            BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
            if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                throw new CertificateRejectedException("OCSP response not signed by the issuing CA");
            }
            Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (echoed == null || !echoed.getExtnValue().equals(sentNonce.getExtnValue())) {
                throw new CertificateRejectedException("OCSP response does not echo our nonce");
            }
            for (SingleResp single : basic.getResponses()) {
                if (!single.getCertID().equals(id)) {
                    continue;
                }
                CertificateStatus status = single.getCertStatus();
                if (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(now)) {
                    throw new CertificateRejectedException("stale OCSP response");
                }
                if (status == CertificateStatus.GOOD) {
                    return;
                }
                if (status instanceof RevokedStatus revoked) {
                    throw new CertificateRejectedException("certificate " + serial(certificate.getSerialNumber())
                            + " was revoked at " + revoked.getRevocationTime().toInstant());
                }
                throw new CertificateRejectedException("OCSP responder does not know certificate " + serial(certificate.getSerialNumber()));
            }
            throw new CertificateRejectedException("OCSP response lacks our certificate");
        } catch (IOException e) {
            throw new CertificateRejectedException("OCSP responder " + responder + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertificateRejectedException("interrupted during OCSP", e);
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.ocsp.OCSPException
                 | java.security.cert.CertificateEncodingException e) {
            throw new CertificateRejectedException("OCSP failed: " + e.getMessage(), e);
        }
    }

    private static String serial(BigInteger serial) {
        return serial.toString(16);
    }
}
