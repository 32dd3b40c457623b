package se.legitimera.devkit.ocsp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.devkit.pki.TestPki;

/**
 * A small OCSP responder (RFC 6960, POST only) on 127.0.0.1 for one issuing CA: it signs with the CA's own
 * key and answers good, revoked or unknown from a {@link StatusSource}, echoing the request nonce. A GET of
 * {@link TestPki#CA_ISSUERS_PATH} answers the CA's certificate, as the certificates' AIA caIssuers promises.
 * Thread-safe; requests run on virtual threads. Start with {@link #start}, stop with {@link #close()}.
 */
public final class OcspResponder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    private static final Duration VALIDITY = Duration.ofMinutes(10);

    static {
        // Same reason as in AuthenticationService: whichever JDK HttpServer starts first fixes this limit.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        }
    }

    /** The responder's view of the CA's revocation list. Called concurrently. */
    @FunctionalInterface
    public interface StatusSource {
        CertificateState stateOf(BigInteger serial);
    }

    private final X509Certificate issuer;
    private final X509CertificateHolder issuerHolder;
    private final PrivateKey issuerKey;
    private final StatusSource source;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final DigestCalculatorProvider digests;

    private OcspResponder(X509Certificate issuer, PrivateKey issuerKey, StatusSource source, Clock clock, int port)
            throws IOException {
        this.issuer = issuer;
        this.issuerKey = issuerKey;
        this.source = source;
        this.clock = clock;
        try {
            this.issuerHolder = new JcaX509CertificateHolder(issuer);
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (java.security.cert.CertificateEncodingException | OperatorCreationException e) {
            throw new IOException("unusable issuer certificate", e);
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts a responder for the CA {@code issuer} on 127.0.0.1.
     *
     * @param port 0 for any free port
     */
    public static OcspResponder start(X509Certificate issuer, PrivateKey issuerKey, StatusSource source, Clock clock,
                                      int port) throws IOException {
        OcspResponder responder = new OcspResponder(Objects.requireNonNull(issuer), Objects.requireNonNull(issuerKey),
                Objects.requireNonNull(source), Objects.requireNonNull(clock), port);
        responder.server.start();
        LOG.info("OCSP responder for {} at {}", issuer.getSubjectX500Principal().getName(), responder.uri());
        return responder;
    }

    /** Where to POST requests: {@code http://127.0.0.1:port/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod())
                    && TestPki.CA_ISSUERS_PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, "application/pkix-cert", issuer.getEncoded());
                return;
            }
            byte[] answer;
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer = new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            } else {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readNBytes(16 * 1024);
                }
                answer = respond(body).getEncoded();
            }
            send(exchange, "application/ocsp-response", answer);
        } catch (OCSPException e) {
            LOG.warn("cannot build an OCSP response", e);
        } catch (java.security.cert.CertificateEncodingException e) {
            LOG.warn("cannot encode the CA certificate", e);
        }
    }

    private static void send(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private OCSPResp respond(byte[] body) throws OCSPException {
        OCSPReq request;
        try {
            request = new OCSPReq(body);
        } catch (IOException e) {
            return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null);
        }
        try {
            Instant now = clock.instant();
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    new RespID(issuerHolder.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1)));
            for (Req single : request.getRequestList()) {
                CertificateID id = single.getCertID();
                CertificateStatus status;
                if (!id.matchesIssuer(issuerHolder, digests)) {
                    status = new UnknownStatus();
                } else {
                    status = switch (source.stateOf(id.getSerialNumber())) {
                        case CertificateState.Good good -> CertificateStatus.GOOD;
                        case CertificateState.Revoked revoked -> new RevokedStatus(Date.from(revoked.revokedAt()),
                                CRLReason.unspecified);
                        case CertificateState.Unknown unknown -> new UnknownStatus();
                    };
                }
                builder.addResponse(id, status, Date.from(now), Date.from(now.plus(VALIDITY)), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
                    builder.build(signer, new X509CertificateHolder[] {issuerHolder}, Date.from(now)));
        } catch (OperatorCreationException e) {
            LOG.warn("cannot sign an OCSP response", e);
            return new OCSPRespBuilder().build(OCSPRespBuilder.INTERNAL_ERROR, null);
        }
    }

    /** The CA this responder answers for. */
    public X509Certificate issuer() {
        return issuer;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
