package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import se.legitimera.devkit.ocsp.CertificateState;
import se.legitimera.devkit.ocsp.OcspResponder;
import se.legitimera.devkit.pki.PemFiles;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.pki.TlsCredential;
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
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final String PROVIDER_FILE = "legitimera-keycloak.jar";
    /** Options fixed at build time (kc.sh build); start --optimized refuses others. */
    private static final List<String> BUILD_OPTIONS = List.of(
            "--db=dev-file", "--health-enabled=true");

    private static KeycloakServer shared;
    /** A start that failed fails every later test of the run at once, instead of starting again. */
    private static Throwable startFailure;

    private final Path home;
    private final Path work;
    private final int httpsPort;
    private final int managementPort;
    private final TestPki pki;
    private final SSLContext clientTls;
    private final String tlsPin;
    private final char[] adminPassword;
    private final Instant startedAt;
    private final CallbackServer callback;
    private final OcspResponder ocsp;
    private Duration startTime;
    private Process script;
    private ProcessHandle keycloakJvm;
    private Thread hook;

    private KeycloakServer(Path home, Path work, int httpsPort, int managementPort, TestPki pki,
                           SSLContext clientTls, String tlsPin, char[] adminPassword, Process script,
                           ProcessHandle keycloakJvm, CallbackServer callback, OcspResponder ocsp) {
        this.home = home;
        this.work = work;
        this.httpsPort = httpsPort;
        this.managementPort = managementPort;
        this.pki = pki;
        this.clientTls = clientTls;
        this.tlsPin = tlsPin;
        this.adminPassword = adminPassword;
        this.script = script;
        this.keycloakJvm = keycloakJvm;
        this.callback = callback;
        this.ocsp = ocsp;
        this.startedAt = Instant.now();
    }

    /**
     * The server of this test run, started on the first call. Skips (or, under
     * {@code -Dlegitimera.requireStack=true}, fails) when the distribution or the provider jar is missing.
     *
     * @throws AssertionError when Keycloak does not become ready; its log is named in the message
     */
    public static synchronized KeycloakServer shared() {
        if (startFailure != null) {
            throw new AssertionError("Keycloak did not start earlier in this run: " + startFailure.getMessage(),
                    startFailure);
        }
        if (shared == null) {
            try {
                shared = start();
            } catch (RuntimeException | AssertionError e) {
                if (!(e instanceof org.opentest4j.TestAbortedException)) {
                    startFailure = e;
                }
                throw e;
            }
        }
        return shared;
    }

    /** Stops the shared server if one was started (the launcher session's end). */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** {@code https://127.0.0.1:port}, the server's base URL. */
    public URI baseUrl() {
        return URI.create("https://127.0.0.1:" + httpsPort);
    }

    /** The issuer URL of a realm, {@code https://127.0.0.1:port/realms/<realm>}. */
    public URI realmUrl(String realm) {
        return URI.create(baseUrl() + "/realms/" + realm);
    }

    /** The test PKI whose issuing CA signed the server's TLS certificate and the cards' certificates. */
    public TestPki pki() {
        return pki;
    }

    /** TLS that trusts the test root only: for clients of this server. */
    public SSLContext clientTls() {
        return clientTls;
    }

    /** The devkit OCSP responder the realms check the cards' certificates with. */
    public URI ocspResponder() {
        return ocsp.uri();
    }

    /** The PEM file of the root that clients must trust for this server's TLS. */
    public Path trustPem() {
        return work.resolve("tls/trust.pem");
    }

    /** The server's TLS key pin, {@code sha256/<base64 SPKI hash>}, as the app's policy takes it. */
    public String tlsPin() {
        return tlsPin;
    }

    /** The base64 SHA-256 of the TLS key's SubjectPublicKeyInfo, as Chromium's SPKI allowlist takes it. */
    public String tlsSpkiHash() {
        return tlsPin.substring("sha256/".length());
    }

    /** How long the start took, from launching kc.sh (and build, when one ran) to ready. */
    public Duration startTime() {
        return startTime;
    }

    /** Keycloak's log of this run. */
    public Path log() {
        return work.resolve("keycloak.log");
    }

    /** The OIDC test clients' redirect target, registered in the imported realms. */
    public CallbackServer callback() {
        return callback;
    }

    /** Name and password of the bootstrap admin of the master realm (for the admin REST API in tests). */
    public String adminUser() {
        return "legitimera-it-admin";
    }

    /** The bootstrap admin's password; the caller must not keep or log it. */
    public char[] adminPassword() {
        return adminPassword.clone();
    }

    private static KeycloakServer start() {
        Path home = property(DIST_PROPERTY, "the unpacked Keycloak distribution (built by mvn verify -pl keycloak)");
        Path provider = property(PROVIDER_PROPERTY, "the provider jar (mvn package -pl keycloak)");
        Path work = Path.of(System.getProperty(WORK_PROPERTY, "target/keycloak-it")).toAbsolutePath();
        StackRequirement.require(Files.isExecutable(home.resolve("bin/kc.sh")),
                "Keycloak distribution at " + home + " (mvn -pl keycloak -am verify unpacks it)");
        StackRequirement.require(Files.isRegularFile(provider), "provider jar " + provider + " (mvn package)");
        try {
            Files.createDirectories(work);
            stopLeftOver(work.resolve("keycloak.pid"), home);
            TestPki pki = TestPki.builder().withFolder(Path.of(System.getProperty(PKI_PROPERTY,
                    work.resolve("pki").toString()))).openOrCreate();
            TlsCredential tls = pki.issueTlsServer(List.of("localhost"), List.of("127.0.0.1"));
            Path tlsDir = Files.createDirectories(work.resolve("tls"));
            Path certificate = tlsDir.resolve("server.crt");
            Path key = tlsDir.resolve("server.key");
            PemFiles.writeAtomically(certificate, tls.chain().stream().limit(2).map(KeycloakServer::pem)
                    .reduce("", String::concat));
            PemFiles.writePrivateKey(key, tls.key());
            PemFiles.writeCertificate(tlsDir.resolve("trust.pem"), pki.rootCertificate());
            String pin = "sha256/" + java.util.Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(tls.certificate().getPublicKey().getEncoded()));

            Instant begin = Instant.now();
            installProvider(home, provider, work);
            int httpsPort = Integer.getInteger(PORT_PROPERTY, 0) > 0 ? Integer.getInteger(PORT_PROPERTY) : freePort();
            int managementPort = freePort();
            Path data = home.resolve("data");
            deleteTree(data);
            Path imports = Files.createDirectories(data.resolve("import"));
            CallbackServer callback = CallbackServer.start();
            OcspResponder ocsp = OcspResponder.start(pki.issuingCertificate(), pki.issuingKey(),
                    serial -> pki.revocationTime(serial).<CertificateState>map(CertificateState.Revoked::new)
                            .orElseGet(CertificateState.Good::new), Clock.systemUTC(), 0);
            TestRealms.writeImports(imports, Map.of(
                    "CALLBACK_BASE", callback.baseUrl().toString(),
                    "TRUSTED_ROOTS_PEM", pem(pki.rootCertificate()),
                    "INTERMEDIATES_PEM", pem(pki.issuingCertificate()),
                    "OCSP_RESPONDER", ocsp.uri().toString(),
                    "ORDER_LIFETIME", "120"));
            // The shipped realm export goes in as an admin would import it, its values from the environment.
            Path demoRealm = property(DEMO_REALM_PROPERTY, "the demo realm export (keycloak/realm)");
            Files.copy(demoRealm, imports.resolve(demoRealm.getFileName()));

            char[] adminPassword = randomPassword();
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                    "--http-enabled=false", "--http-host=127.0.0.1",
                    // a single node: no JGroups transport (it would listen on every interface)
                    "--cache=local", "--https-port=" + httpsPort,
                    "--http-management-port=" + managementPort,
                    "--https-certificate-file=" + certificate, "--https-certificate-key-file=" + key,
                    "--hostname=https://127.0.0.1:" + httpsPort, "--hostname-strict=true",
                    "--import-realm", "--log=file", "--log-file=" + work.resolve("keycloak.log"),
                    "--log-level=INFO,se.legitimera:debug"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("kc-start.out").toFile());
            environment(builder);
            // Keycloak puts the values into the JSON text before parsing it: newlines go in as JSON's \n.
            builder.environment().put("LEGITIMERA_TRUSTED_ROOTS", pem(pki.rootCertificate()).replace("\n", "\\n"));
            builder.environment().put("LEGITIMERA_INTERMEDIATES", pem(pki.issuingCertificate()).replace("\n", "\\n"));
            builder.environment().put("LEGITIMERA_OCSP_RESPONDER", ocsp.uri().toString());
            builder.environment().put("LEGITIMERA_UNKNOWN_USER", "refuse");
            builder.environment().put("LEGITIMERA_DEMO_REDIRECT_URI", callback.redirectUri().toString());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "legitimera-it-admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", new String(adminPassword));
            Process script = builder.start();
            ProcessHandle keycloakJvm = awaitJavaChild(script);
            Files.writeString(work.resolve("keycloak.pid"), Long.toString(keycloakJvm.pid()));
            SSLContext clientTls = trusting(pki);
            KeycloakServer server = new KeycloakServer(home, work, httpsPort, managementPort, pki, clientTls, pin,
                    adminPassword, script, keycloakJvm, callback, ocsp);
            server.hook = Thread.ofPlatform().unstarted(server::stopProcesses);
            Runtime.getRuntime().addShutdownHook(server.hook);
            server.awaitReady();
            Duration took = Duration.between(begin, Instant.now());
            LOG.info("Keycloak {} ready on {} after {} ms (pid {})", home.getFileName(), server.baseUrl(),
                    took.toMillis(), keycloakJvm.pid());
            server.startTime = took;
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start Keycloak", e);
        }
    }

    /** Copies the provider into providers/ and runs kc.sh build when it or the build options changed. */
    private static void installProvider(Path home, Path provider, Path work) throws Exception {
        Path installed = home.resolve("providers").resolve(PROVIDER_FILE);
        String stamp = sha256(Files.readAllBytes(provider)) + " " + String.join(" ", BUILD_OPTIONS);
        Path marker = home.resolve("lib/quarkus/legitimera-build.stamp");
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(stamp) && Files.isRegularFile(installed)
                && sha256(Files.readAllBytes(installed)).equals(sha256(Files.readAllBytes(provider)))) {
            LOG.info("Keycloak build is current for this provider jar; skipping kc.sh build");
            return;
        }
        Files.copy(provider, installed, StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("kc-build.out").toFile());
        environment(builder);
        Instant begin = Instant.now();
        Process build = builder.start();
        if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            stopTree(build.toHandle());
            throw new AssertionError("kc.sh build did not finish in " + BUILD_TIMEOUT + "; see " + work.resolve("kc-build.out"));
        }
        if (build.exitValue() != 0) {
            throw new AssertionError("kc.sh build failed (" + build.exitValue() + "): "
                    + Files.readString(work.resolve("kc-build.out")));
        }
        Files.writeString(marker, stamp);
        LOG.info("kc.sh build took {} ms", Duration.between(begin, Instant.now()).toMillis());
    }

    private static void environment(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("JAVA_OPTS");
        env.remove("JAVA_OPTS_APPEND");
        // The server's heap stays small: the machine runs the browser, the app and the tests beside it.
        env.put("JAVA_OPTS_KC_HEAP", "-XX:MaxRAMPercentage=25 -Xms128m -Xmx768m");
    }

    /** kc.sh runs the JVM as its child (and waits for it): that child is what a stop must reach. */
    private static ProcessHandle awaitJavaChild(Process script) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> child = script.toHandle().children()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            if (!script.isAlive()) {
                throw new AssertionError("kc.sh start exited with " + script.exitValue() + " before starting Java");
            }
            Thread.sleep(50);
        }
        stopTree(script.toHandle());
        throw new AssertionError("kc.sh started no Java process in 30 s");
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(clientTls).connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("https://127.0.0.1:" + managementPort + "/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!keycloakJvm.isAlive()) {
                stopProcesses();
                throw new AssertionError("Keycloak exited during start-up; see " + log() + " and "
                        + work.resolve("kc-start.out") + ":\n" + tail(work.resolve("kc-start.out")));
            }
            try {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200 && reply.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        stopProcesses();
        throw new AssertionError("Keycloak not ready after " + READY_TIMEOUT + "; see " + log());
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
        java.util.Arrays.fill(adminPassword, '\0');
    }

    private synchronized void stopProcesses() {
        if (callback != null) {
            callback.close();
        }
        if (ocsp != null) {
            ocsp.close();
        }
        if (keycloakJvm != null && keycloakJvm.isAlive()) {
            LOG.info("stopping Keycloak (pid {}) after {} s", keycloakJvm.pid(),
                    Duration.between(startedAt, Instant.now()).toSeconds());
        }
        if (keycloakJvm != null) {
            stopTree(keycloakJvm);
        }
        if (script != null) {
            stopTree(script.toHandle());
        }
        try {
            Files.deleteIfExists(work.resolve("keycloak.pid"));
        } catch (IOException e) {
            LOG.warn("cannot delete {}", work.resolve("keycloak.pid"), e);
        }
    }

    /** TERM, then KILL after 20 s; descendants first. */
    private static void stopTree(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        for (ProcessHandle p : all) {
            p.destroy();
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
            }
        }
    }

    /** A run that was killed (no shutdown hook) leaves its PID file: stop that JVM if it is still ours. */
    private static void stopLeftOver(Path pidFile, Path home) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).filter(p -> p.info().arguments()
                        .map(args -> Stream.of(args).anyMatch(a -> a.contains(home.toString()))).orElse(false))
                .ifPresent(p -> {
                    LOG.warn("stopping Keycloak pid {} left by an earlier run", pid);
                    stopTree(p);
                });
        Files.delete(pidFile);
    }

    private static Path property(String name, String what) {
        String value = System.getProperty(name);
        StackRequirement.require(value != null, what + " (system property " + name + ", set by the keycloak module's Failsafe)");
        return Path.of(value).toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static String pem(java.security.cert.X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

}
