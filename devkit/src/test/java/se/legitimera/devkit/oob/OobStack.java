package se.legitimera.devkit.oob;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import se.legitimera.devkit.ocsp.CertificateState;
import se.legitimera.devkit.ocsp.OcspResponder;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.PersonCertificates;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TlsCredential;
import se.legitimera.devkit.service.AuthenticationService;
import se.legitimera.devkit.service.MutableClock;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.InvalidAutoStartLinkException;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobClientBuilder;

/**
 * The whole OOB stack on loopback: the devkit's test PKI (in a folder of the test's), an OCSP responder
 * over it, the reference service (with a clock the test moves) and an RP client. Closes what it started.
 */
final class OobStack implements AutoCloseable {

    /** A second, made-up policy OID that the service maps to trust level 2. */
    static final String TEST_LOA2_POLICY_OID = "1.2.752.29.4.13.2.1";

    final Path pkiFolder;
    final TestPki pki;
    final MutableClock serviceClock = MutableClock.followingSystemTime();
    final OcspResponder ocsp;
    final AuthenticationService service;
    final RpClient rp;
    final TlsCredential tls;

    OobStack(Path pkiFolder, Consumer<AuthenticationService.Builder> configuration) throws Exception {
        this.pkiFolder = pkiFolder;
        pki = TestPki.builder().withFolder(pkiFolder).openOrCreate();
        tls = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
        ocsp = OcspResponder.start(pki.issuingCertificate(), pki.issuingKey(), stateIn(pki), Clock.systemUTC(), 0);
        AuthenticationService.Builder builder = AuthenticationService.builder()
                .withClock(serviceClock)
                .withTlsIdentity(tls.key(), tls.chain())
                .withTrustAnchor(pki.rootCertificate())
                .withTrustLevel(TestPki.TEST_LOA3_POLICY_OID, 3)
                .withTrustLevel(TEST_LOA2_POLICY_OID, 2)
                .withOcspResponder(ocsp.uri());
        configuration.accept(builder);
        service = builder.build().start();
        rp = rpClient(null);
    }

    OobStack(Path pkiFolder) throws Exception {
        this(pkiFolder, b -> { });
    }

    RpClient rpClient(String apiKey) throws Exception {
        return new RpClient(URI.create(service.origin().toString()), pki.rootCertificate(), apiKey, null, null);
    }

    OobClientBuilder client() {
        return OobClient.builder().withSystemTrustStore(false).withTrustedCertificate(pki.rootCertificate())
                .withAllowedOrigin(service.origin()).withoutProxy().withReadRetries(2, Duration.ofMillis(20));
    }

    /** A card whose identification certificate comes from this stack's PKI (PIN 123456). */
    SoftwareCard card(String hsaId, String givenName, String surname) {
        return cardFrom(pki, hsaId, givenName, surname);
    }

    /** A card from any test PKI, e.g. one the service does not trust or one with another policy. */
    static SoftwareCard cardFrom(TestPki issuer, String hsaId, String givenName, String surname) {
        KeyPair auth = ecKeys();
        PersonCertificates certificates = issuer.issuePerson(new Holder(givenName, surname, hsaId,
                hsaId.toLowerCase() + "@test.siths.se"), auth.getPublic(), ecKeys().getPublic());
        return new SoftwareCard(auth.getPrivate(), chainWithoutRoot(issuer, certificates.authentication()), "123456");
    }

    /** A card whose "identification" key is in fact the non-repudiation signature key. */
    SoftwareCard signatureKeyCard(String hsaId) {
        KeyPair sign = ecKeys();
        PersonCertificates certificates = pki.issuePerson(new Holder("Test", "Testsson", hsaId, "t@test.siths.se"),
                ecKeys().getPublic(), sign.getPublic());
        return new SoftwareCard(sign.getPrivate(), chainWithoutRoot(pki, certificates.signature()), "123456");
    }

    private static List<X509Certificate> chainWithoutRoot(TestPki issuer, X509Certificate leaf) {
        List<X509Certificate> chain = issuer.chainFor(leaf);
        return chain.subList(0, chain.size() - 1); // a card holds the leaf and its issuing CA, not the root
    }

    static OcspResponder.StatusSource stateIn(TestPki pki) {
        return serial -> pki.revocationTime(serial)
                .<CertificateState>map(CertificateState.Revoked::new)
                .orElseGet(CertificateState.Good::new);
    }

    static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static AutoStartLink link(Map<String, Object> authReply) throws InvalidAutoStartLinkException {
        return AutoStartLink.parse((String) authReply.get("autoStartUrl"));
    }

    @Override
    public void close() {
        service.close();
        ocsp.close();
    }
}
