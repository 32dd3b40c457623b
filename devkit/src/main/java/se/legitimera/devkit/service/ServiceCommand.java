package se.legitimera.devkit.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.legitimera.devkit.ocsp.CertificateState;
import se.legitimera.devkit.ocsp.OcspResponder;
import se.legitimera.devkit.pki.PemFiles;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TlsCredential;
import se.legitimera.oob.SpkiPin;

/**
 * {@code legitimera-devkit service}: runs the reference authentication service with TLS from the devkit's
 * test PKI, plus an OCSP responder for that PKI, until interrupted.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Runs Legitimera's reference authentication service (OOB protocol v1) on 127.0.0.1.",
            "A reference for development and tests, not a production IdP: single node, in memory."})
public final class ServiceCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8443", description = "HTTPS port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--state", paramLabel = "DIR", description = "Keeps the service's TLS key and order-signing key here and writes service-trust.pem (default ~/.legitimera-devkit/service).")
    Path state = Path.of(System.getProperty("user.home"), ".legitimera-devkit", "service");

    @Option(names = "--pki", paramLabel = "DIR", description = "The devkit test PKI folder (default ~/.legitimera-devkit/pki).")
    Path pki = TestPki.defaultFolder();

    @Option(names = "--api-key", paramLabel = "KEY", description = "Require 'Authorization: Bearer KEY' on the RP API (at least 16 characters).")
    String apiKey;

    @Option(names = "--rp-client-ca", paramLabel = "PEM", description = "Require an RP client certificate issued by this CA on the RP API (mTLS).")
    Path rpClientCa;

    @Option(names = "--ocsp-port", defaultValue = "8444", description = "Port of the OCSP responder for the test PKI (default ${DEFAULT-VALUE}, the PKI's default AIA; -1 = no OCSP).")
    int ocspPort;

    @Option(names = "--order-ttl", defaultValue = "120", description = "Order lifetime in seconds (default ${DEFAULT-VALUE}).")
    long orderTtlSeconds;

    @Spec
    CommandSpec spec;

    /** A started service with its OCSP responder. */
    record Running(AuthenticationService service, OcspResponder ocsp, Path trustPem, SpkiPin pin) implements AutoCloseable {
        @Override
        public void close() {
            service.close();
            if (ocsp != null) {
                ocsp.close();
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Running running;
        try {
            running = start();
        } catch (BindException e) {
            spec.commandLine().getErr().println("Port in use: " + e.getMessage()
                    + " (choose --port / --ocsp-port, or stop the other service)");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            running.close();
            stopped.countDown();
        }));
        describe(running, out);
        out.flush();
        stopped.await();
        return 0;
    }

    Running start() throws IOException, GeneralSecurityException {
        Files.createDirectories(state);
        URI ocspBase = URI.create("http://127.0.0.1:" + (ocspPort > 0 ? ocspPort : 8444));
        TestPki testPki = TestPki.builder().withFolder(pki).withRevocationBaseUrl(ocspBase).openOrCreate();
        TlsCredential tls = tlsCredential(testPki);
        Path trustPem = state.resolve("service-trust.pem");
        PemFiles.writeCertificate(trustPem, testPki.rootCertificate());
        OcspResponder ocsp = ocspPort < 0 ? null : OcspResponder.start(testPki.issuingCertificate(), testPki.issuingKey(),
                serial -> testPki.revocationTime(serial).<CertificateState>map(CertificateState.Revoked::new)
                        .orElseGet(CertificateState.Good::new), Clock.systemUTC(), ocspPort);
        try {
            AuthenticationService.Builder builder = AuthenticationService.builder()
                    .withPort(port)
                    .withTlsIdentity(tls.key(), tls.chain())
                    .withTrustAnchor(testPki.rootCertificate())
                    .withTrustLevel(TestPki.TEST_LOA3_POLICY_OID, 3)
                    .withOrderTtl(Duration.ofSeconds(orderTtlSeconds))
                    .withOrderSigningKey(orderKey())
                    .withApiKey(apiKey);
            if (ocsp != null) {
                builder.withOcspResponder(ocsp.uri());
            }
            if (rpClientCa != null) {
                try (var in = Files.newInputStream(rpClientCa)) {
                    builder.withRpClientCa((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
            }
            return new Running(builder.build().start(), ocsp, trustPem, SpkiPin.of(tls.certificate().getPublicKey()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (ocsp != null) {
                ocsp.close();
            }
            throw e;
        }
    }

    /** The TLS key from the state folder while its certificate is valid and from this PKI; else a new one. */
    private TlsCredential tlsCredential(TestPki testPki) {
        Path keyFile = state.resolve("service-tls.key");
        Path certificateFile = state.resolve("service-tls.crt");
        if (Files.exists(keyFile) && Files.exists(certificateFile)) {
            X509Certificate certificate = PemFiles.readCertificate(certificateFile);
            PrivateKey key = PemFiles.readPrivateKey(keyFile);
            try {
                certificate.checkValidity(java.util.Date.from(Instant.now().plus(Duration.ofDays(1))));
                certificate.verify(testPki.issuingCertificate().getPublicKey());
                return new TlsCredential(key, testPki.chainFor(certificate));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // expired or from an earlier PKI: issue a new one below
            }
        }
        TlsCredential fresh = testPki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
        PemFiles.writePrivateKey(keyFile, fresh.key());
        PemFiles.writeCertificate(certificateFile, fresh.certificate());
        return fresh;
    }

    /** The order-signing key from the state folder, so that apps that configured it keep verifying. */
    private ECKey orderKey() throws IOException, GeneralSecurityException {
        Path file = state.resolve("order-signing-key.jwk");
        if (Files.exists(file)) {
            try {
                return ECKey.parse(Files.readString(file));
            } catch (ParseException e) {
                throw new GeneralSecurityException("broken order-signing key in " + file, e);
            }
        }
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("order-" + Instant.now().getEpochSecond()).generate();
            PemFiles.writeAtomically(file, key.toJSONString());
            return key;
        } catch (JOSEException e) {
            throw new GeneralSecurityException("cannot create an order-signing key", e);
        }
    }

    private void describe(Running running, PrintWriter out) {
        String origin = running.service().origin().toString();
        String auth = apiKey != null ? " -H 'Authorization: Bearer " + apiKey + "'" : "";
        String rpCredentials = apiKey != null && rpClientCa != null ? "API key and client certificate"
                : apiKey != null ? "API key" : rpClientCa != null ? "client certificate (mTLS)" : "none from 127.0.0.1";
        out.println("Legitimera reference authentication service (OOB protocol v1): a reference, not a production IdP.");
        out.println("  Origin:          " + origin);
        out.println("  Clients trust:   " + running.trustPem());
        out.println("  TLS key pin:     " + running.pin());
        out.println("  OCSP responder:  " + (running.ocsp() == null ? "off" : running.ocsp().uri()));
        out.println("  RP credentials:  " + rpCredentials);
        out.println("  Demo RP:         " + origin + "/demo/");
        out.println("  OIDC discovery:  " + origin + "/.well-known/openid-configuration");
        out.println();
        out.println("Start an order as an RP:");
        out.println("  curl --cacert " + running.trustPem() + auth + (rpClientCa != null ? " --cert rp.crt --key rp.key" : "")
                + " -H 'Content-Type: application/json' -d '{\"rpName\":\"Test-RP\",\"message\":\"Hej\"}' " + origin + "/rp/v1/auth");
        out.println("Complete it from a terminal with the app:");
        out.println("  legitimera auth 'legitimera://auth?service=...&token=...' --trust " + running.trustPem() + " --allow " + origin);
        out.println("Collect:");
        out.println("  curl --cacert " + running.trustPem() + auth + " -H 'Content-Type: application/json' -d '{\"orderRef\":\"...\"}' "
                + origin + "/rp/v1/collect");
        out.println("Stop with Ctrl-C.");
    }
}
