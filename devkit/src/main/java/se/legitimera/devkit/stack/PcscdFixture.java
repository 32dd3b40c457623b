package se.legitimera.devkit.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.vpcd.VpcdCardConnection;

/**
 * pcscd with vsmartcard's vpcd readers for stack tests. pcscd is shared with other tests and people:
 * a running pcscd is reused and never stopped; only when none runs does the fixture start
 * {@code pcscd -f} itself (root needed) and, on {@link #close()}, stop exactly that process by its PID.
 *
 * <pre>{@code
 * try (PcscdFixture pcscd = PcscdFixture.acquire()) {
 *     pcscd.insert(card, 0);          // card into "Virtual PCD 00 00"
 *     ... opensc-tool, pkcs11-tool, the app ...
 * }
 * }</pre>
 * When a part is missing (pcscd binary, vpcd ports, root to start pcscd) {@link #acquire()} skips the
 * test through {@link StackRequirement} (or fails it in CI). Not thread-safe: one test at a time.
 */
public final class PcscdFixture implements AutoCloseable {

    /** vpcd's TCP ports: reader "Virtual PCD 00 00" listens on 35963, "Virtual PCD 00 01" on 35964. */
    public static final int[] VPCD_PORTS = {35963, 35964};

    private static final Logger LOG = LoggerFactory.getLogger(PcscdFixture.class);
    private static final Path PCSCD = Path.of("/usr/sbin/pcscd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SERVED_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PUBLISH_DELAY = Duration.ofMillis(200);
    /** What vpcd logs when another socket holds its port. */
    private static final String PORT_TAKEN = "Address already in use";
    /** Longer than Linux's TIME_WAIT (60 s), the longest a closed client socket keeps its port. */
    private static final Duration PORT_FREE_TIMEOUT = Duration.ofSeconds(70);
    /** /proc/net/tcp's state codes (include/net/tcp_states.h). */
    private static final Map<String, String> TCP_STATES = Map.ofEntries(Map.entry("01", "ESTABLISHED"),
            Map.entry("02", "SYN_SENT"), Map.entry("03", "SYN_RECV"), Map.entry("04", "FIN_WAIT1"),
            Map.entry("05", "FIN_WAIT2"), Map.entry("06", "TIME_WAIT"), Map.entry("07", "CLOSE"),
            Map.entry("08", "CLOSE_WAIT"), Map.entry("09", "LAST_ACK"), Map.entry("0A", "LISTEN"),
            Map.entry("0B", "CLOSING"));

    private Process ownPcscd;
    private Path ownLog;
    private final List<VpcdCardConnection> connections = new ArrayList<>();

    private PcscdFixture(Process ownPcscd) {
        this.ownPcscd = ownPcscd;
    }

    /**
     * Reuses the running pcscd, or starts one, and waits until both vpcd ports listen.
     *
     * @throws org.opentest4j.TestAbortedException (skip) or AssertionError (CI) when the stack is incomplete
     */
    public static PcscdFixture acquire() {
        StackRequirement.require(Files.isExecutable(PCSCD), "pcscd (" + PCSCD + ", Debian package pcscd)");
        if (runningPcscd().isPresent()) {
            StackRequirement.require(waitForVpcd(Duration.ofSeconds(2), () -> false),
                    "vpcd readers (TCP 35963/35964) of the running pcscd; install vsmartcard-vpcd and restart pcscd");
            LOG.info("reusing the running pcscd (pid {})", runningPcscd().get().pid());
            return new PcscdFixture(null);
        }
        StackRequirement.require(isRoot(), "a running pcscd, or root to start one (pcscd -f)");
        PcscdFixture fixture = new PcscdFixture(null);
        fixture.start();
        return fixture;
    }

    /** Whether this fixture started pcscd itself (and so may restart and will stop it). */
    public boolean startedHere() {
        return ownPcscd != null;
    }

    /** The reader name of vpcd reader {@code index}: "Virtual PCD 00 00" or "Virtual PCD 00 01". */
    public static String readerName(int index) {
        checkIndex(index);
        return String.format(Locale.ROOT, "Virtual PCD 00 %02d", index);
    }

    /**
     * Puts a card into vpcd reader {@code index} (0 or 1) and waits until pcscd has powered it and read its
     * ATR (plus 200 ms for pcscd to tell its clients). The
     * connection is closed (card removed) by {@link #close()} unless the test closes it first.
     *
     * @throws IOException when vpcd does not accept the connection
     * @throws IllegalStateException when vpcd does not serve the card (the reader already holds another one)
     */
    public VpcdCardConnection insert(VirtualSithsCard card, int index) throws IOException, InterruptedException {
        checkIndex(index);
        awaitReaderEmpty(index);
        VpcdCardConnection connection = VpcdCardConnection.connect(card,
                new java.net.InetSocketAddress("127.0.0.1", VPCD_PORTS[index]));
        connections.add(connection);
        if (!connection.awaitServed(SERVED_TIMEOUT)) {
            connection.close();
            throw new IllegalStateException(readerName(index) + " did not take the card within " + SERVED_TIMEOUT
                    + ": is another virtual card in that reader?");
        }
        // pcscd publishes the new reader state right after reading the ATR; give its event thread a moment
        Thread.sleep(PUBLISH_DELAY);
        return connection;
    }

    /**
     * Waits until pcscd reports reader {@code index} without a card. A card put back before pcscd has seen
     * the previous one go is never powered by pcscd, so every insert waits for this first.
     */
    public static void awaitReaderEmpty(int index) throws InterruptedException {
        checkIndex(index);
        javax.smartcardio.CardTerminals terminals;
        try {
            terminals = se.legitimera.smartcard.pcsc.TerminalSource.pcsc().open();
        } catch (javax.smartcardio.CardException e) {
            return; // the service is down: it holds no card either
        }
        try {
            javax.smartcardio.CardTerminal terminal = terminals.getTerminal(readerName(index));
            if (terminal != null && !terminal.waitForCardAbsent(SERVED_TIMEOUT.toMillis())) {
                LOG.warn("{} still reports a card after {}", readerName(index), SERVED_TIMEOUT);
            }
        } catch (javax.smartcardio.CardException e) {
            LOG.warn("cannot ask pcscd about {}: {}", readerName(index), e.getMessage());
        } finally {
            if (terminals instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("closing the PC/SC context failed", e);
                }
            }
        }
    }

    /**
     * Stops and starts the pcscd this fixture started (vpcd drops its cards; reconnect them).
     *
     * @throws IllegalStateException when pcscd was already running: a shared pcscd is never restarted
     */
    public void restart() {
        if (ownPcscd == null) {
            throw new IllegalStateException("pcscd was not started by this fixture; a shared pcscd is never restarted");
        }
        stop();
        start();
    }

    /**
     * Stops the pcscd this fixture started, for tests of a service outage; {@link #startAgain()} ends the
     * outage (and {@link #close()} needs neither).
     *
     * @throws IllegalStateException when pcscd was already running: a shared pcscd is never stopped
     */
    public void stopOwn() {
        if (ownPcscd == null) {
            throw new IllegalStateException("pcscd was not started by this fixture; a shared pcscd is never stopped");
        }
        if (ownPcscd.isAlive()) {
            stop();
        }
    }

    /**
     * Starts the pcscd this fixture started and {@link #stopOwn() stopped} again (vpcd dropped its cards;
     * reconnect them).
     *
     * @throws IllegalStateException when pcscd was not started by this fixture, or does not come up
     */
    public void startAgain() {
        if (ownPcscd == null) {
            throw new IllegalStateException("pcscd was not started by this fixture; a shared pcscd is never restarted");
        }
        if (!ownPcscd.isAlive()) {
            start();
        }
    }

    /** Removes the cards inserted through this fixture and stops pcscd if this fixture started it. */
    @Override
    public void close() {
        connections.forEach(VpcdCardConnection::close);
        connections.clear();
        if (ownPcscd != null) {
            stop();
            ownPcscd = null;
        }
        deleteLog();
    }

    private void deleteLog() {
        if (ownLog == null) {
            return;
        }
        try {
            Files.deleteIfExists(ownLog);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", ownLog, e);
        }
        ownLog = null;
    }

    /**
     * Starts {@code pcscd -f} and waits for both vpcd readers. The vpcd ports lie in Linux's ephemeral range, so
     * a client socket of any test (or its TIME_WAIT, up to 60 s) can hold one; vpcd then logs "Address already
     * in use" and pcscd runs without that reader. Such a start is retried until the port is free again.
     * {@code .ci/run} reserves the two ports, so there this never happens.
     */
    private void start() {
        long deadline = System.nanoTime() + PORT_FREE_TIMEOUT.toNanos();
        while (true) {
            launch();
            if (waitForVpcd(START_TIMEOUT, () -> logSays(PORT_TAKEN) || !ownPcscd.isAlive())) {
                return;
            }
            boolean died = !ownPcscd.isAlive();
            boolean portTaken = logSays(PORT_TAKEN);
            stop();
            ownPcscd = null;
            if (portTaken && !died && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                LOG.warn("a vpcd port is held by another socket ({}), starting pcscd again soon; "
                        + "adding 35963-35964 to net.ipv4.ip_local_reserved_ports keeps them free", portsHeld());
                pause(Duration.ofSeconds(2));
                continue;
            }
            throw new IllegalStateException(died
                    ? "pcscd exited at once (another pcscd running?), see " + ownLog
                    : portTaken
                            ? "vpcd ports 35963/35964 stayed in use by other sockets for " + PORT_FREE_TIMEOUT
                                    + " (" + portsHeld() + "); reserve them: add 35963-35964 to "
                                    + "net.ipv4.ip_local_reserved_ports"
                            : "vpcd ports 35963/35964 did not listen within " + START_TIMEOUT + ", see " + ownLog);
        }
    }

    private void launch() {
        deleteLog();
        try {
            Path log = Files.createTempFile("legitimera-pcscd-", ".log");
            ownLog = log;
            ownPcscd = new ProcessBuilder(PCSCD.toString(), "-f").redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            LOG.info("started pcscd (pid {}), log {}", ownPcscd.pid(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start pcscd", e);
        }
    }

    private boolean logSays(String text) {
        try {
            return Files.readString(ownLog).contains(text);
        } catch (IOException e) {
            LOG.debug("cannot read {}", ownLog, e);
            return false;
        }
    }

    /** The vpcd ports that some socket holds, each with its TCP state, e.g. "35963 TIME_WAIT". */
    private static List<String> portsHeld() {
        List<String> held = new ArrayList<>();
        for (int port : VPCD_PORTS) {
            tcpStates(port).forEach(state -> held.add(port + " " + state));
        }
        return held;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        Process process = ownPcscd;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped pcscd (pid {})", process.pid());
    }

    private static Optional<ProcessHandle> runningPcscd() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/pcscd")).orElse(false))
                .findFirst();
    }

    private static boolean isRoot() {
        return ProcessHandle.current().info().user().map("root"::equals).orElse(false);
    }

    private static void checkIndex(int index) {
        if (index < 0 || index >= VPCD_PORTS.length) {
            throw new IllegalArgumentException("vpcd reader index must be 0 or 1: " + index);
        }
    }

    /**
     * Waits until both vpcd ports are in LISTEN state, read from /proc/net/tcp{,6}: probing them with a
     * connection would look like a card insertion to vpcd. Gives up early once {@code hopeless} says so.
     */
    private static boolean waitForVpcd(Duration timeout, BooleanSupplier hopeless) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (listening(VPCD_PORTS[0]) && listening(VPCD_PORTS[1])) {
                return true;
            }
            if (System.nanoTime() > deadline || hopeless.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    static boolean listening(int port) {
        return tcpStates(port).contains("LISTEN");
    }

    /** The states of the sockets whose local port is {@code port}, from /proc/net/tcp{,6}. */
    private static List<String> tcpStates(int port) {
        String localPort = String.format(Locale.ROOT, ":%04X", port);
        List<String> states = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    // fields: sl local_address rem_address st ...
                    if (fields.length > 3 && fields[1].endsWith(localPort)) {
                        states.add(TCP_STATES.getOrDefault(fields[3], fields[3]));
                    }
                }
            } catch (IOException e) {
                LOG.debug("cannot read {}", table, e);
            }
        }
        return states;
    }
}
