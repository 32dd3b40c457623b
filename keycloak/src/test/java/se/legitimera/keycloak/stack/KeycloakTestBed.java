package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import se.legitimera.devkit.ocsp.CertificateState;
import se.legitimera.devkit.ocsp.OcspResponder;
import se.legitimera.devkit.pki.PemFiles;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TlsCredential;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * What the Keycloak nodes of a run are set up with, whether one node or a cluster: the test PKI and the
 * servers' TLS files for 127.0.0.1, the OIDC test clients' callback, the OCSP responder the realms ask, the
 * realm imports filled with those, and the bootstrap admin.
 */
final class KeycloakTestBed implements AutoCloseable {

    static final String ADMIN_USER = "legitimera-it-admin";

    private final TestPki pki;
    private final Path tlsFolder;
    private final SSLContext clientTls;
    private final String tlsPin;
    private final CallbackServer callback;
    private final OcspResponder ocsp;
    private final char[] adminPassword;

    private KeycloakTestBed(TestPki pki, Path tlsFolder, SSLContext clientTls, String tlsPin, CallbackServer callback,
                            OcspResponder ocsp, char[] adminPassword) {
        this.pki = pki;
        this.tlsFolder = tlsFolder;
        this.clientTls = clientTls;
        this.tlsPin = tlsPin;
        this.callback = callback;
        this.ocsp = ocsp;
        this.adminPassword = adminPassword;
    }

    /** Opens (or creates) the PKI in {@code pkiFolder}, writes a TLS server key and chain into {@code work}/tls. */
    static KeycloakTestBed open(Path work, Path pkiFolder) throws Exception {
        TestPki pki = TestPki.builder().withFolder(pkiFolder).openOrCreate();
        TlsCredential tls = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
        Path tlsFolder = Files.createDirectories(work.resolve("tls"));
        PemFiles.writeAtomically(tlsFolder.resolve("server.crt"), tls.chain().stream().limit(2)
                .map(KeycloakTestBed::pem).reduce("", String::concat));
        PemFiles.writePrivateKey(tlsFolder.resolve("server.key"), tls.key());
        PemFiles.writeCertificate(tlsFolder.resolve("trust.pem"), pki.rootCertificate());
        String pin = "sha256/" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(tls.certificate().getPublicKey().getEncoded()));
        CallbackServer callback = CallbackServer.start();
        OcspResponder ocsp = OcspResponder.start(pki.issuingCertificate(), pki.issuingKey(),
                serial -> pki.revocationTime(serial).<CertificateState>map(CertificateState.Revoked::new)
                        .orElseGet(CertificateState.Good::new), Clock.systemUTC(), 0);
        return new KeycloakTestBed(pki, tlsFolder, trusting(pki), pin, callback, ocsp, randomPassword());
    }

    /** The test realms and the shipped realm export, into {@code folder} for {@code --import-realm}. */
    void writeImports(Path folder) throws IOException {
        Files.createDirectories(folder);
        TestRealms.writeImports(folder, Map.of(
                "CALLBACK_BASE", callback.baseUrl().toString(),
                "TRUSTED_ROOTS_PEM", pem(pki.rootCertificate()),
                "INTERMEDIATES_PEM", pem(pki.issuingCertificate()),
                "OCSP_RESPONDER", ocsp.uri().toString(),
                "ORDER_LIFETIME", "120"));
        // The shipped realm export goes in as an admin would import it, its values from the environment.
        String demoRealmProperty = KeycloakServer.DEMO_REALM_PROPERTY;
        String value = System.getProperty(demoRealmProperty);
        StackRequirement.require(value != null, "the demo realm export (keycloak/realm) (system property "
                + demoRealmProperty + ", set by the keycloak module's Failsafe)");
        Path demoRealm = Path.of(value).toAbsolutePath();
        Files.copy(demoRealm, folder.resolve(demoRealm.getFileName()));
    }

    /** The options that give a node this bed's TLS key and chain. */
    List<String> tlsOptions() {
        return List.of("--https-certificate-file=" + tlsFolder.resolve("server.crt"),
                "--https-certificate-key-file=" + tlsFolder.resolve("server.key"));
    }

    /** The values the shipped realm export takes from the environment, and the bootstrap admin. */
    void putEnvironment(Map<String, String> env) {
        // Keycloak puts the values into the JSON text before parsing it: newlines go in as JSON's \n.
        env.put("LEGITIMERA_TRUSTED_ROOTS", pem(pki.rootCertificate()).replace("\n", "\\n"));
        env.put("LEGITIMERA_INTERMEDIATES", pem(pki.issuingCertificate()).replace("\n", "\\n"));
        env.put("LEGITIMERA_OCSP_RESPONDER", ocsp.uri().toString());
        env.put("LEGITIMERA_UNKNOWN_USER", "refuse");
        env.put("LEGITIMERA_DEMO_REDIRECT_URI", callback.redirectUri().toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", new String(adminPassword));
    }

    TestPki pki() {
        return pki;
    }

    SSLContext clientTls() {
        return clientTls;
    }

    String tlsPin() {
        return tlsPin;
    }

    Path trustPem() {
        return tlsFolder.resolve("trust.pem");
    }

    CallbackServer callback() {
        return callback;
    }

    OcspResponder ocsp() {
        return ocsp;
    }

    char[] adminPassword() {
        return adminPassword.clone();
    }

    @Override
    public void close() {
        callback.close();
        ocsp.close();
        Arrays.fill(adminPassword, '\0');
    }

    private static SSLContext trusting(TestPki pki) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", pki.rootCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
