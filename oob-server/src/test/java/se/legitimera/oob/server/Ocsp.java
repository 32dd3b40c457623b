package se.legitimera.oob.server;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import se.legitimera.smartcard.cert.OcspTransport;

/**
 * An OCSP responder in the test's memory, as an {@link OcspTransport}: answers for the issuing CA of a
 * {@link Pki}, good unless a serial was revoked or made unknown; or unreachable. Counts requests.
 */
final class Ocsp implements OcspTransport {

    private final X509Certificate issuer;
    private final KeyPair issuerKeys;
    private final Supplier<Instant> now;
    private final Map<BigInteger, CertificateStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean reachable = true;

    Ocsp(Pki pki, Supplier<Instant> now) {
        this.issuer = pki.issuing;
        this.issuerKeys = pki.issuingKeys;
        this.now = now;
    }

    void revoke(X509Certificate certificate) {
        statuses.put(certificate.getSerialNumber(), new RevokedStatus(Date.from(now.get().minusSeconds(60)), 1));
    }

    void forget(X509Certificate certificate) {
        statuses.put(certificate.getSerialNumber(), new UnknownStatus());
    }

    void unreachable() {
        reachable = false;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public byte[] post(URI responder, byte[] request, Duration timeout) throws IOException {
        requests.incrementAndGet();
        if (!reachable) {
            throw new ConnectException("connection refused (test)");
        }
        try {
            OCSPReq ocspRequest = new OCSPReq(request);
            BasicOCSPRespBuilder response = new BasicOCSPRespBuilder(new RespID(
                    new JcaX509CertificateHolder(issuer).getSubject()));
            for (Req single : ocspRequest.getRequestList()) {
                CertificateStatus status = statuses.getOrDefault(single.getCertID().getSerialNumber(),
                        CertificateStatus.GOOD);
                response.addResponse(single.getCertID(), status, Date.from(now.get()),
                        Date.from(now.get().plus(Duration.ofHours(1))), null);
            }
            Extension nonce = ocspRequest.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                response.setResponseExtensions(new Extensions(nonce));
            }
            return new OCSPRespBuilder().build(OCSPResp.SUCCESSFUL, response.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()),
                    null, Date.from(now.get()))).getEncoded();
        } catch (Exception e) {
            throw new IOException("test responder failed", e);
        }
    }
}
