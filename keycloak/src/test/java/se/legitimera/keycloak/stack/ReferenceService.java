package se.legitimera.keycloak.stack;

import java.net.URI;
import java.util.List;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TlsCredential;
import se.legitimera.devkit.service.AuthenticationService;

/**
 * The devkit's reference service (oob-server behind the JDK's HTTP server, with its minimal OIDC front) on the
 * Keycloak fixture's PKI and OCSP responder: the same verification of the same cards, for the benchmark's
 * comparison of Keycloak's login flow with the reference one.
 */
public final class ReferenceService implements AutoCloseable {

    private final AuthenticationService service;

    private ReferenceService(AuthenticationService service) {
        this.service = service;
    }

    /** Starts it on a free loopback port with TLS from {@code keycloak}'s test PKI. */
    public static ReferenceService beside(KeycloakServer keycloak) throws Exception {
        TestPki pki = keycloak.pki();
        TlsCredential tls = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
        return new ReferenceService(AuthenticationService.builder()
                .withTlsIdentity(tls.key(), tls.chain())
                .withTrustAnchor(pki.rootCertificate())
                .withTrustLevel(TestPki.TEST_LOA3_POLICY_OID, 3)
                .withOcspResponder(keycloak.ocspResponder())
                .build().start());
    }

    /** The OIDC issuer of its front, {@code https://127.0.0.1:port}. */
    public URI issuer() {
        return URI.create(service.origin().toString());
    }

    @Override
    public void close() {
        service.close();
    }
}
