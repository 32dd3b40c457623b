package se.legitimera.app.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TlsCredential;
import se.legitimera.devkit.service.AuthenticationService;
import se.legitimera.oob.OobClient;
import se.legitimera.smartcard.cert.IssuerLocator;

/**
 * The login side of the in-JVM end-to-end tests: the devkit's reference service on loopback over a test PKI in
 * the test's folder (a {@link VirtualCardDesk} on the same folder gets a card it trusts), the app's OOB client
 * allowing it, a relying party of it, and the issuer locator that knows the PKI's issuing CA.
 */
final class ReferenceLogins implements AutoCloseable {

    final AuthenticationService service;
    final OobClient client;
    final RelyingParty rp;
    final IssuerLocator issuers;

    private ReferenceLogins(AuthenticationService service, OobClient client, RelyingParty rp, IssuerLocator issuers) {
        this.service = service;
        this.client = client;
        this.rp = rp;
        this.issuers = issuers;
    }

    static ReferenceLogins start(Path state, Duration orderTtl) throws Exception {
        TestPki pki = TestPki.openOrCreate(state.resolve("pki"), Clock.systemUTC());
        TlsCredential tls = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
        AuthenticationService service = AuthenticationService.builder()
                .withTlsIdentity(tls.key(), tls.chain())
                .withTrustAnchor(pki.rootCertificate())
                .withTrustLevel(TestPki.TEST_LOA3_POLICY_OID, 3)
                .withOrderTtl(orderTtl)
                .build().start();
        OobClient client = OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(pki.rootCertificate())
                .withAllowedOrigin(service.origin()).withoutProxy().build();
        return new ReferenceLogins(service, client, new RelyingParty(URI.create(service.origin().toString()),
                pki.rootCertificate()), IssuerLocator.builder().withKnownCertificates(List.of(pki.issuingCertificate()))
                .withFetching(false).build());
    }

    @Override
    public void close() {
        client.close();
        service.close();
    }
}
