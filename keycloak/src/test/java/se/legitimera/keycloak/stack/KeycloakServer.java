package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * The real Keycloak distribution (unpacked from Maven Central by the build) with the built provider jar
 * and the test realms imported, on 127.0.0.1 with TLS from the devkit test PKI.
 *
 * <p>One server serves a whole Failsafe run: {@link #shared()} starts it on first use, the
 * {@link KeycloakSessionListener} stops it when the JUnit launcher session ends, a shutdown hook stops it
 * if the JVM ends otherwise, and a PID file lets the next run stop a server that a killed run left
 * behind. Only processes this fixture started are ever stopped, by PID: the {@code kc.sh} shell and the
 * Keycloak JVM it runs as its child.
 *
 * <p>Start-up: {@code kc.sh build} runs only when the provider jar or the build options changed since the
 * last build in this distribution folder, then {@code kc.sh start --optimized}; the database (dev-file
 * H2) is made fresh for every run so that the realm import is the same each time.
 *
 * <p>Not thread-safe beyond {@link #shared()}: tests of one run share the server one at a time.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String DIST_PROPERTY = "legitimera.keycloak.dist";
    public static final String PROVIDER_PROPERTY = "legitimera.keycloak.provider";
    public static final String WORK_PROPERTY = "legitimera.keycloak.work";
    public static final String DEMO_REALM_PROPERTY = "legitimera.keycloak.demoRealm";
    /** A fixed HTTPS port (the demo); default a free one. */
    public static final String PORT_PROPERTY = "legitimera.keycloak.port";
    /** The test PKI folder; default {@code <work>/pki}, the demo uses the devkit's shared one. */
    public static final String PKI_PROPERTY = "legitimera.keycloak.pki";

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakServer.class);
    /** Options fixed at build time (kc.sh build); start --optimized refuses others. */
    private static final List<String> BUILD_OPTIONS = List.of(
            "--db=dev-file", "--health-enabled=true");

    private static final StartedOnce<KeycloakServer> SHARED = new StartedOnce<>("Keycloak", KeycloakServer::start,
            server -> { });

    private final KeycloakTestBed bed;
    private final KeycloakNode node;
    private final Duration startTime;
    private Thread hook;

    private KeycloakServer(KeycloakTestBed bed, KeycloakNode node, Duration startTime) {
        this.bed = bed;
        this.node = node;
        this.startTime = startTime;
    }

    /**
     * The server of this test run, started on the first call. Skips (or, under
     * {@code -Dlegitimera.requireStack=true}, fails) when the distribution or the provider jar is missing.
     *
     * @throws AssertionError when Keycloak does not become ready; its log is named in the message
     */
    public static KeycloakServer shared() {
        return SHARED.get();
    }

    /** Stops the shared server if one was started (the launcher session's end, or a cluster test's start). */
    static void stopShared() {
        SHARED.forget().ifPresent(KeycloakServer::close);
    }

    /** {@code https://127.0.0.1:port}, the server's base URL. */
    public URI baseUrl() {
        return node.baseUrl();
    }

    /** The issuer URL of a realm, {@code https://127.0.0.1:port/realms/<realm>}. */
    public URI realmUrl(String realm) {
        return URI.create(baseUrl() + "/realms/" + realm);
    }

    /** The test PKI whose issuing CA signed the server's TLS certificate and the cards' certificates. */
    public TestPki pki() {
        return bed.pki();
    }

    /** TLS that trusts the test root only: for clients of this server. */
    public SSLContext clientTls() {
        return bed.clientTls();
    }

    /** The devkit OCSP responder the realms check the cards' certificates with. */
    public URI ocspResponder() {
        return bed.ocsp().uri();
    }

    /** The PEM file of the root that clients must trust for this server's TLS. */
    public Path trustPem() {
        return bed.trustPem();
    }

    /** The server's TLS key pin, {@code sha256/<base64 SPKI hash>}, as the app's policy takes it. */
    public String tlsPin() {
        return bed.tlsPin();
    }

    /** The base64 SHA-256 of the TLS key's SubjectPublicKeyInfo, as Chromium's SPKI allowlist takes it. */
    public String tlsSpkiHash() {
        return bed.tlsPin().substring("sha256/".length());
    }

    /** How long the start took, from launching kc.sh (and build, when one ran) to ready. */
    public Duration startTime() {
        return startTime;
    }

    /** Keycloak's log of this run. */
    public Path log() {
        return node.log();
    }

    /** The OIDC test clients' redirect target, registered in the imported realms. */
    public CallbackServer callback() {
        return bed.callback();
    }

    /** Name and password of the bootstrap admin of the master realm (for the admin REST API in tests). */
    public String adminUser() {
        return KeycloakTestBed.ADMIN_USER;
    }

    /** The bootstrap admin's password; the caller must not keep or log it. */
    public char[] adminPassword() {
        return bed.adminPassword();
    }

    private static KeycloakServer start() {
        Path home = distribution();
        Path provider = provider();
        Path work = work();
        try {
            Files.createDirectories(work);
            KeycloakTestBed bed = KeycloakTestBed.open(work, pkiFolder());
            Instant begin = Instant.now();
            KeycloakDistribution.build(home, provider, BUILD_OPTIONS, work);
            int httpsPort = Integer.getInteger(PORT_PROPERTY, 0) > 0 ? Integer.getInteger(PORT_PROPERTY)
                    : KeycloakNode.freePort();
            // The dev-file database is made fresh for every run so that the realm import is the same each time.
            Path data = home.resolve("data");
            KeycloakNode.stopLeftOver(work, home);
            KeycloakDistribution.deleteTree(data);
            bed.writeImports(data.resolve("import"));
            Map<String, String> env = new HashMap<>();
            bed.putEnvironment(env);
            KeycloakNode node = KeycloakNode.start("single", home, work, httpsPort,
                    URI.create("https://127.0.0.1:" + httpsPort), bed.tlsOptions(),
                    // a single node: no JGroups transport (it would listen on every interface)
                    List.of("--cache=local", "--import-realm"), env, "-Xmx768m", bed.clientTls());
            Duration took = Duration.between(begin, Instant.now());
            KeycloakServer server = new KeycloakServer(bed, node, took);
            server.hook = Thread.ofPlatform().unstarted(server::stopProcesses);
            Runtime.getRuntime().addShutdownHook(server.hook);
            LOG.info("Keycloak {} ready on {} after {} ms (pid {})", home.getFileName(), server.baseUrl(),
                    took.toMillis(), node.pid());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start Keycloak", e);
        }
    }

    /** The unpacked distribution; skips the test when the build did not unpack it. */
    static Path distribution() {
        Path home = property(DIST_PROPERTY, "the unpacked Keycloak distribution (built by mvn verify -pl keycloak)");
        StackRequirement.require(Files.isExecutable(home.resolve("bin/kc.sh")),
                "Keycloak distribution at " + home + " (mvn -pl keycloak -am verify unpacks it)");
        return home;
    }

    /** The provider jar; skips the test when it was not packaged. */
    static Path provider() {
        Path provider = property(PROVIDER_PROPERTY, "the provider jar (mvn package -pl keycloak)");
        StackRequirement.require(Files.isRegularFile(provider), "provider jar " + provider + " (mvn package)");
        return provider;
    }

    /** The fixtures' work folder, {@code target/keycloak-it}. */
    static Path work() {
        return Path.of(System.getProperty(WORK_PROPERTY, "target/keycloak-it")).toAbsolutePath();
    }

    /** One test PKI per run, whichever Keycloak fixture opens it first. */
    static Path pkiFolder() {
        return Path.of(System.getProperty(PKI_PROPERTY, work().resolve("pki").toString()));
    }

    @Override
    public void close() {
        stopProcesses();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private synchronized void stopProcesses() {
        node.stop();
        bed.close();
    }

    private static Path property(String name, String what) {
        String value = System.getProperty(name);
        StackRequirement.require(value != null, what + " (system property " + name + ", set by the keycloak module's Failsafe)");
        return Path.of(value).toAbsolutePath();
    }
}
