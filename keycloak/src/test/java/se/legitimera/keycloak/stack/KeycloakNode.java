package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code kc.sh start --optimized} of a built distribution on 127.0.0.1 (HTTPS only, its own management
 * port), its log in its work folder. Stopping it stops the Keycloak JVM by PID, then the {@code kc.sh} shell
 * that waits for it.
 */
final class KeycloakNode {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakNode.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private final String name;
    private final Path work;
    private final int httpsPort;
    private final int managementPort;
    private final Process script;
    private final OwnProcess keycloakJvm;
    private final Instant startedAt = Instant.now();

    private KeycloakNode(String name, Path work, int httpsPort, int managementPort, Process script,
                         OwnProcess keycloakJvm) {
        this.name = name;
        this.work = work;
        this.httpsPort = httpsPort;
        this.managementPort = managementPort;
        this.script = script;
        this.keycloakJvm = keycloakJvm;
    }

    /**
     * Starts the node and waits until it is ready.
     *
     * @param home      a distribution built for {@code options}' build-time part
     * @param hostname  the URL every page, token and order names (a cluster's one public address)
     * @param options   what this node adds to the common options (cache, database, import)
     * @param env       extra environment (the realm export's values, database credentials)
     * @param maxHeap   the JVM's {@code -Xmx...}
     * @throws AssertionError when it exits or is not ready in 4 minutes; its log is named
     */
    static KeycloakNode start(String name, Path home, Path work, int httpsPort, URI hostname, List<String> tlsOptions,
                              List<String> options, Map<String, String> env, String maxHeap, SSLContext clientTls)
            throws Exception {
        Files.createDirectories(work);
        stopLeftOver(work, home);
        // the log is this start's (a cluster test reads its views), the one before kept once
        if (Files.exists(work.resolve("keycloak.log"))) {
            Files.move(work.resolve("keycloak.log"), work.resolve("keycloak.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=false", "--http-host=127.0.0.1", "--https-port=" + httpsPort,
                "--http-management-port=" + managementPort,
                "--hostname=" + hostname, "--hostname-strict=true",
                "--log=file", "--log-file=" + work.resolve("keycloak.log"), "--log-level=INFO,se.legitimera:debug"));
        command.addAll(tlsOptions);
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("kc-start.out").toFile());
        KeycloakDistribution.environment(builder, maxHeap);
        builder.environment().putAll(env);
        Process script = builder.start();
        KeycloakNode node = new KeycloakNode(name, work, httpsPort, managementPort, script,
                OwnProcess.recorded(awaitJavaChild(script), work.resolve("keycloak.pid")));
        node.awaitReady(clientTls);
        return node;
    }

    /** Stops a node of {@code home} that a killed run left running with its PID file in {@code work}. */
    static void stopLeftOver(Path work, Path home) throws IOException {
        OwnProcess.stopLeftOver(work.resolve("keycloak.pid"), home.toString());
    }

    String name() {
        return name;
    }

    /** Where this node itself listens, {@code https://127.0.0.1:port}. */
    URI baseUrl() {
        return URI.create("https://127.0.0.1:" + httpsPort);
    }

    int httpsPort() {
        return httpsPort;
    }

    Path log() {
        return work.resolve("keycloak.log");
    }

    long pid() {
        return keycloakJvm.pid();
    }

    boolean isAlive() {
        return keycloakJvm.isAlive();
    }

    void stop() {
        if (keycloakJvm.isAlive()) {
            LOG.info("stopping Keycloak {} (pid {}) after {} s", name, keycloakJvm.pid(),
                    Duration.between(startedAt, Instant.now()).toSeconds());
        }
        keycloakJvm.stop();
        OwnProcess.stopTree(script.toHandle());
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
        OwnProcess.stopTree(script.toHandle());
        throw new AssertionError("kc.sh started no Java process in 30 s");
    }

    private void awaitReady(SSLContext clientTls) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(clientTls).connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("https://127.0.0.1:" + managementPort + "/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!keycloakJvm.isAlive()) {
                stop();
                throw new AssertionError("Keycloak " + name + " exited during start-up; see " + log() + " and "
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
        stop();
        throw new AssertionError("Keycloak " + name + " not ready after " + READY_TIMEOUT + "; see " + log());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
