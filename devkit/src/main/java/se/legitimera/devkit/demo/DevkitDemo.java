package se.legitimera.devkit.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.devkit.card.VirtualCardException;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.ocsp.CertificateState;
import se.legitimera.devkit.ocsp.OcspResponder;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TestPkiException;
import se.legitimera.devkit.pki.TlsCredential;
import se.legitimera.devkit.service.AuthenticationService;
import se.legitimera.devkit.smartcardio.VirtualReaders;
import se.legitimera.oob.demo.DemoEnvironment;
import se.legitimera.oob.demo.DemoEnvironmentFactory;

/**
 * The devkit's demo for {@code legitimera --demo}: a virtual SITHS 940 card in an in-JVM reader
 * ({@value #READER}) and the reference authentication service on 127.0.0.1 with an OCSP responder, all
 * issued by a test PKI. The PKI and the card live in the state folder ({@code pki/}, {@code card/}), so the
 * card keeps its PINs, PUK and counters between runs; ports are chosen free at each start.
 *
 * <p>Found by {@link java.util.ServiceLoader}; prints nothing (the app shows
 * {@link DemoEnvironment#cardSecretsForDisplay()} itself).
 */
public final class DevkitDemo implements DemoEnvironmentFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DevkitDemo.class);

    /** The name of the virtual reader that holds the demo card. */
    public static final String READER = "Legitimera Demo Reader 00";

    /** For {@link java.util.ServiceLoader}. */
    public DevkitDemo() {
    }

    /**
     * Opens or creates the PKI and the card in {@code stateFolder}, inserts the card and starts the
     * responder and the service. Blocks for about a second on first run (RSA keys).
     *
     * @throws IOException when the state cannot be read or written, or a server cannot listen
     */
    @Override
    public DemoEnvironment start(Path stateFolder) throws IOException {
        Files.createDirectories(stateFolder);
        TestPki pki;
        VirtualSithsCard card;
        try {
            pki = TestPki.builder().withFolder(stateFolder.resolve("pki")).openOrCreate();
            card = VirtualSithsCard.builder().withStateFolder(stateFolder.resolve("card")).withPki(pki).openOrCreate();
        } catch (TestPkiException | VirtualCardException e) {
            throw new IOException("demo state in " + stateFolder + " unusable: " + e.getMessage(), e);
        }
        OcspResponder ocsp = startResponder(pki);
        AuthenticationService service;
        try {
            TlsCredential tls = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
            service = AuthenticationService.builder()
                    .withTlsIdentity(tls.key(), tls.chain())
                    .withTrustAnchor(pki.rootCertificate())
                    .withTrustLevel(TestPki.TEST_LOA3_POLICY_OID, 3)
                    .withOcspResponder(ocsp.uri())
                    .build().start();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            ocsp.close();
            throw e instanceof IOException io ? io : new IOException("cannot start the demo service: " + e.getMessage(), e);
        }
        VirtualReaders readers = VirtualReaders.named(READER);
        readers.reader(READER).insert(card);
        return new RunningDemo(readers, card, service, ocsp, pki.rootCertificate(), pki.issuingCertificate(),
                URI.create(service.origin().toString()));
    }

    /**
     * The card's certificates name the PKI's default base URL for OCSP and caIssuers, so the responder
     * listens there; when that port is taken (another devkit service), on any port, and the app then shows
     * the revocation status as unknown, as it would with an unreachable responder.
     */
    private static OcspResponder startResponder(TestPki pki) throws IOException {
        OcspResponder.StatusSource states = serial -> pki.revocationTime(serial)
                .<CertificateState>map(CertificateState.Revoked::new).orElseGet(CertificateState.Good::new);
        try {
            return OcspResponder.start(pki.issuingCertificate(), pki.issuingKey(), states, Clock.systemUTC(),
                    URI.create(TestPki.DEFAULT_REVOCATION_BASE_URL).getPort());
        } catch (java.net.BindException e) {
            LOG.warn("{} is taken: the demo's OCSP responder listens elsewhere, so revocation shows as unknown",
                    TestPki.DEFAULT_REVOCATION_BASE_URL);
            return OcspResponder.start(pki.issuingCertificate(), pki.issuingKey(), states, Clock.systemUTC(), 0);
        }
    }
}
