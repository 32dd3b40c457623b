package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.devkit.pki.TestPki;

/**
 * Two Keycloak nodes on 127.0.0.1 sharing one PostgreSQL database ({@link PostgresServer}), clustered by
 * Keycloak's own Infinispan with the {@code jdbc-ping} stack (the nodes find each other through a table of
 * that database) and JGroups bound to 127.0.0.1; the same provider jar, realms, TLS, callback and OCSP
 * responder as {@link KeycloakServer}.
 *
 * <p>Both nodes name one public address ({@code --hostname}), as nodes behind a load balancer do; nothing
 * listens on it, so every request is sent to a node explicitly with {@link #to(Node)}. The distribution is
 * built once for the cluster's build options in its own folder beside the single node's (cached like it);
 * each node runs from a hard-linked copy of it with its own {@code data} folder.
 *
 * <p>One cluster per Failsafe run, started by {@link #shared()} on first use; it stops the single node first
 * (two Keycloak JVMs and PostgreSQL on 2 cores are enough), and {@link KeycloakSessionListener} or a shutdown
 * hook stops the nodes, then PostgreSQL, by PID.
 */
public final class KeycloakCluster {

    /** The two nodes. */
    public enum Node { A, B }

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakCluster.class);
    private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--cache=ispn", "--health-enabled=true");
    /** Infinispan's log line for a new cluster view: {@code ... view for channel ISPN: [a|1] (2) [a, b]}. */
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\S+ \\((\\d+)\\) (\\[.*])");
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(60);

    private static final StartedOnce<KeycloakCluster> SHARED = new StartedOnce<>("The Keycloak cluster",
            KeycloakCluster::start, KeycloakCluster::startStoppedNodes);

    private final KeycloakTestBed bed;
    private final PostgresServer postgres;
    private final Path home;
    private final Path work;
    private final int publicPort;
    private final Map<Node, KeycloakNode> nodes = new EnumMap<>(Node.class);
    private Thread hook;

    private KeycloakCluster(KeycloakTestBed bed, PostgresServer postgres, Path home, Path work, int publicPort) {
        this.bed = bed;
        this.postgres = postgres;
        this.home = home;
        this.work = work;
        this.publicPort = publicPort;
    }

    /**
     * The cluster of this run with both nodes running: started on the first call, a node stopped by a test
     * started again. Skips (or fails under {@code legitimera.requireStack}) as {@link KeycloakServer#shared()}
     * does, and without PostgreSQL 15.
     *
     * @throws AssertionError when a node is not ready or the two do not form one cluster view
     */
    public static KeycloakCluster shared() {
        return SHARED.get();
    }

    static void stopShared() {
        SHARED.forget().ifPresent(cluster -> {
            cluster.stop();
            Runtime.getRuntime().removeShutdownHook(cluster.hook);
        });
    }

    /** The issuer URL of a realm at the public address (every node issues under it). */
    public URI realmUrl(String realm) {
        return URI.create("https://127.0.0.1:" + publicPort + "/realms/" + realm);
    }

    /** Sends requests for the public address to {@code node}. */
    public Route to(Node node) {
        int nodePort = running(node).httpsPort();
        return uri -> uri.getPort() == publicPort && "127.0.0.1".equals(uri.getHost())
                ? URI.create(uri.toString().replaceFirst("^https://127\\.0\\.0\\.1:" + publicPort, "https://127.0.0.1:" + nodePort))
                : uri;
    }

    /** Stops {@code node}'s Keycloak JVM by its PID (TERM, as an orchestrator stops a node). */
    public void stop(Node node) {
        running(node).stop();
    }

    /** The members of the latest cluster view in {@code node}'s log, empty before the first. */
    public List<String> clusterView(Node node) throws IOException {
        List<String> view = List.of();
        Matcher matcher = VIEW.matcher(Files.readString(nodes.get(node).log()));
        while (matcher.find()) {
            String members = matcher.group(2);
            view = List.of(members.substring(1, members.length() - 1).split(",\\s*"));
        }
        return view;
    }

    public Path log(Node node) {
        return nodes.get(node).log();
    }

    public TestPki pki() {
        return bed.pki();
    }

    public SSLContext clientTls() {
        return bed.clientTls();
    }

    public CallbackServer callback() {
        return bed.callback();
    }

    private KeycloakNode running(Node node) {
        KeycloakNode running = nodes.get(node);
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException("node " + node + " is not running");
        }
        return running;
    }

    private static KeycloakCluster start() {
        Path dist = KeycloakServer.distribution();
        Path provider = KeycloakServer.provider();
        KeycloakServer.stopShared();
        Path work = KeycloakServer.work().resolve("cluster");
        Path home = dist.resolveSibling(dist.getFileName() + "-cluster");
        try {
            Files.createDirectories(work);
            Instant begin = Instant.now();
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                Path partial = home.resolveSibling(home.getFileName() + ".partial");
                KeycloakDistribution.linkedCopy(dist, partial);
                Files.move(partial, home);
            }
            KeycloakDistribution.build(home, provider, BUILD_OPTIONS, work);
            for (Node node : Node.values()) {
                KeycloakNode.stopLeftOver(nodeWork(work, node), nodeHome(work, node));
            }
            KeycloakTestBed bed = KeycloakTestBed.open(work, KeycloakServer.pkiFolder());
            KeycloakCluster cluster = new KeycloakCluster(bed, PostgresServer.start(work), home, work,
                    KeycloakNode.freePort());
            cluster.hook = Thread.ofPlatform().unstarted(cluster::stop);
            Runtime.getRuntime().addShutdownHook(cluster.hook);
            try {
                cluster.startStoppedNodes();
            } catch (RuntimeException | AssertionError e) {
                cluster.stop();
                Runtime.getRuntime().removeShutdownHook(cluster.hook);
                throw e;
            }
            LOG.info("Keycloak cluster ready after {} ms: view {}", Duration.between(begin, Instant.now()).toMillis(),
                    cluster.clusterView(Node.A));
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Keycloak cluster from " + home, e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start the Keycloak cluster", e);
        }
    }

    /** One node after the other (the first imports the realms into the empty database), then one view of two. */
    private void startStoppedNodes() {
        try {
            for (Node node : Node.values()) {
                KeycloakNode current = nodes.get(node);
                if (current == null || !current.isAlive()) {
                    nodes.put(node, startNode(node));
                }
            }
            awaitViewOfTwo();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start a cluster node", e);
        }
    }

    private KeycloakNode startNode(Node node) throws Exception {
        Path nodeHome = nodeHome(work, node);
        KeycloakDistribution.linkedCopy(home, nodeHome);
        // Both nodes get the imports: the one that finds the realms in the database already skips them.
        bed.writeImports(nodeHome.resolve("data/import"));
        Map<String, String> env = new HashMap<>();
        bed.putEnvironment(env);
        env.put("KC_DB_USERNAME", PostgresServer.USER);
        env.put("KC_DB_PASSWORD", new String(postgres.password()));
        List<String> options = List.of("--import-realm",
                "--cache=ispn", "--cache-stack=jdbc-ping",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + freeTransportPort(),
                "--db-url-host=127.0.0.1", "--db-url-port=" + postgres.port(),
                "--db-url-database=" + PostgresServer.DATABASE, "--db-pool-max-size=30");
        Instant begin = Instant.now();
        KeycloakNode started = KeycloakNode.start(node.name(), nodeHome, nodeWork(work, node), KeycloakNode.freePort(),
                URI.create("https://127.0.0.1:" + publicPort), bed.tlsOptions(), options, env, "-Xmx512m",
                bed.clientTls());
        LOG.info("Keycloak cluster node {} ready on {} after {} ms (pid {})", node, started.baseUrl(),
                Duration.between(begin, Instant.now()).toMillis(), started.pid());
        return started;
    }

    private void awaitViewOfTwo() throws Exception {
        Instant deadline = Instant.now().plus(VIEW_TIMEOUT);
        while (clusterView(Node.A).size() != 2 || clusterView(Node.B).size() != 2) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the nodes formed no cluster of two in " + VIEW_TIMEOUT + ": A sees "
                        + clusterView(Node.A) + ", B sees " + clusterView(Node.B) + "; see " + log(Node.A) + " and "
                        + log(Node.B));
            }
            Thread.sleep(250);
        }
    }

    /**
     * A free port for JGroups below 15536 whose port + 50000 is free too: the jdbc-ping stack's failure
     * detection (FD_SOCK2) listens at that offset from the transport's port.
     */
    private static int freeTransportPort() throws IOException {
        for (int port = 7800; port < 15536; port++) {
            if (free(port) && free(port + 50000)) {
                return port;
            }
        }
        throw new IOException("no free port pair for JGroups on 127.0.0.1");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private synchronized void stop() {
        for (KeycloakNode node : nodes.values()) {
            node.stop();
        }
        postgres.close();
        bed.close();
    }

    private static Path nodeWork(Path work, Node node) {
        return work.resolve("node-" + node.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static Path nodeHome(Path work, Node node) {
        return nodeWork(work, node).resolve("home");
    }
}
