package se.legitimera.devkit.oob;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import se.legitimera.devkit.ocsp.OcspResponder;
import se.legitimera.devkit.service.AuthenticationService;
import se.legitimera.devkit.service.MutableClock;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.InvalidAutoStartLinkException;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobClientBuilder;

/**
 * The whole OOB stack on loopback: test PKI, OCSP responder, reference service (with a clock the test
 * moves) and an RP client. Closes everything it started.
 */
final class OobStack implements AutoCloseable {

    final StackPki pki;
    final MutableClock serviceClock = new MutableClock(Instant.now());
    final OcspResponder ocsp;
    final AuthenticationService service;
    final RpClient rp;
    final StackPki.Issued tls;

    OobStack(Consumer<AuthenticationService.Builder> configuration) throws Exception {
        pki = new StackPki("TEST SITHS e-id Root CA v2");
        tls = pki.tlsServer();
        ocsp = OcspResponder.start(pki.issuing.certificate(), pki.issuing.privateKey(), pki::stateOf,
                java.time.Clock.systemUTC(), 0);
        AuthenticationService.Builder builder = AuthenticationService.builder()
                .withClock(serviceClock)
                .withTlsIdentity(tls.privateKey(), List.of(tls.certificate(), pki.issuing.certificate()))
                .withTrustAnchor(pki.root.certificate())
                .withTrustLevel(StackPki.LOA3_POLICY, 3)
                .withTrustLevel(StackPki.LOA2_POLICY, 2)
                .withOcspResponder(ocsp.uri());
        configuration.accept(builder);
        service = builder.build().start();
        rp = rpClient(null);
    }

    OobStack() throws Exception {
        this(b -> { });
    }

    RpClient rpClient(String apiKey) throws Exception {
        return new RpClient(URI.create(service.origin().toString()), pki.root.certificate(), apiKey, null, null);
    }

    OobClientBuilder client() {
        return OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(pki.root.certificate())
                .withAllowedOrigin(service.origin()).withoutProxy().withReadRetries(2, Duration.ofMillis(20));
    }

    SoftwareCard card(String hsaId, String name) throws Exception {
        StackPki.Issued person = pki.person(hsaId, name, StackPki.LOA3_POLICY);
        return new SoftwareCard(person.privateKey(), List.of(person.certificate(), pki.issuing.certificate()), "123456");
    }

    static AutoStartLink link(java.util.Map<String, Object> authReply) throws InvalidAutoStartLinkException {
        return AutoStartLink.parse((String) authReply.get("autoStartUrl"));
    }

    @Override
    public void close() {
        service.close();
        ocsp.close();
    }
}
