package se.legitimera.devkit.pcsc;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * pcscd for stack tests. Reuses a pcscd that is already running (pcscd is shared); otherwise starts its
 * own in the foreground, and only that one may it stop and start again. Never touches another pcscd.
 */
final class TestPcscd implements AutoCloseable {

    private static final Path PCSCD = Path.of("/usr/sbin/pcscd");
    private static final Path VPCD_CONFIG = Path.of("/etc/reader.conf.d/vpcd");
    /** vpcd's first two readers listen here once pcscd has loaded the driver. */
    static final int VPCD_PORT_00 = 35963;
    static final int VPCD_PORT_01 = 35964;

    private final Path log;
    private Process own;

    private TestPcscd(Path log) {
        this.log = log;
    }

    /** A running pcscd with vpcd, reused or started; skips (or fails in CI) when the stack is missing. */
    static TestPcscd reuseOrStart(Path log) throws IOException, InterruptedException {
        StackRequirement.require(Files.isExecutable(PCSCD), "pcscd (scripts/install-test-stack.sh)");
        StackRequirement.require(Files.exists(VPCD_CONFIG), "vsmartcard-vpcd (scripts/install-test-stack.sh)");
        TestPcscd pcscd = new TestPcscd(log);
        if (!runningElsewhere()) {
            pcscd.start();
        }
        StackRequirement.require(awaitListening(VPCD_PORT_01, Duration.ofSeconds(10)),
                "vpcd reader listening on 127.0.0.1:" + VPCD_PORT_01);
        return pcscd;
    }

    /** Whether this fixture started the running pcscd (and so may stop it). */
    boolean owned() {
        return own != null && own.isAlive();
    }

    /** Starts a pcscd of our own; fails the test when it does not come up. */
    void start() throws IOException, InterruptedException {
        own = new ProcessBuilder(PCSCD.toString(), "--foreground").redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile())).start();
        if (!awaitListening(VPCD_PORT_01, Duration.ofSeconds(10))) {
            stop();
            StackRequirement.require(false, "pcscd did not start (needs root; see " + log + ")");
        }
    }

    /** Stops the pcscd this fixture started (SIGTERM, as a service stop does). */
    void stop() throws InterruptedException {
        if (own == null) {
            return;
        }
        own.destroy();
        if (!own.waitFor(10, TimeUnit.SECONDS)) {
            own.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        own = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static boolean runningElsewhere() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().command()
                .map(c -> c.endsWith("/pcscd")).orElse(false));
    }

    /**
     * Whether something listens on the loopback port, read from /proc so that no test connection is
     * made (a connection to vpcd is a card insertion).
     */
    static boolean awaitListening(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        do {
            for (Path table : List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"))) {
                try {
                    for (String line : Files.readAllLines(table)) {
                        String[] columns = line.strip().split("\\s+");
                        if (columns.length > 3 && columns[1].endsWith(hexPort) && columns[3].equals("0A")) {
                            return true;
                        }
                    }
                } catch (IOException e) {
                    // no such table (no IPv6): look at the other one
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return false;
    }
}
