package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process a fixture started, with the PID file that lets the next run stop it when this run was killed
 * (no shutdown hook ran). Only such processes are ever stopped, by PID.
 */
final class OwnProcess {

    private static final Logger LOG = LoggerFactory.getLogger(OwnProcess.class);
    private static final long GRACE_SECONDS = 20;

    private final ProcessHandle process;
    private final Path pidFile;

    private OwnProcess(ProcessHandle process, Path pidFile) {
        this.process = process;
        this.pidFile = pidFile;
    }

    /** Records {@code process} in {@code pidFile}. */
    static OwnProcess recorded(ProcessHandle process, Path pidFile) throws IOException {
        Files.writeString(pidFile, Long.toString(process.pid()));
        return new OwnProcess(process, pidFile);
    }

    ProcessHandle handle() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process and what it started, then forgets its PID file. */
    void stop() {
        stopTree(process);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", pidFile, e);
        }
    }

    /**
     * TERM to the process itself first, so that a server shuts its own workers down (PostgreSQL treats a
     * worker that dies before its postmaster as a crash); after 20 s KILL; then whatever of its descendants
     * is left, the same way.
     */
    static void stopTree(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        stopOne(process);
        for (ProcessHandle p : descendants) {
            stopOne(p);
        }
    }

    private static void stopOne(ProcessHandle p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            p.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            p.destroyForcibly();
        }
    }

    /**
     * A run that was killed leaves its PID file: stops that process if it is still one of ours, that is if
     * its command line contains {@code marker} (a folder only our fixture uses).
     */
    static void stopLeftOver(Path pidFile, String marker) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).filter(p -> p.info().arguments()
                        .map(args -> Stream.of(args).anyMatch(a -> a.contains(marker))).orElse(false))
                .ifPresent(p -> {
                    LOG.warn("stopping pid {} left by an earlier run ({})", pid, pidFile.getFileName());
                    stopTree(p);
                });
        Files.delete(pidFile);
    }
}
