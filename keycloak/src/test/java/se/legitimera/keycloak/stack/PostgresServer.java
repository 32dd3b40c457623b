package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * Debian's PostgreSQL 15 ({@code /usr/lib/postgresql/15/bin}, package postgresql-15) in a fresh temporary
 * folder: {@code initdb} there, then {@code postgres} on 127.0.0.1 and a free port, its unix socket in the
 * same folder, a database {@code keycloak} owned by the user {@code keycloak} with a random password
 * (scram-sha-256 over TCP). The system's own PostgreSQL service is never touched.
 *
 * <p>PostgreSQL refuses to run as root: under root both programs run as the {@code postgres} user (which
 * the package creates) through {@code setpriv}, which execs, so the PID started is the postmaster's own.
 * Stopping it is a TERM to that PID (a smart shutdown once its clients are gone), then the folder is deleted.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String FOLDER_PREFIX = "legitimera-postgres-";
    private static final String SYSTEM_USER = "postgres";
    static final String DATABASE = "keycloak";
    static final String USER = "keycloak";

    private final Path folder;
    private final int port;
    private final char[] password;
    private final OwnProcess postmaster;

    private PostgresServer(Path folder, int port, char[] password, OwnProcess postmaster) {
        this.folder = folder;
        this.port = port;
        this.password = password;
        this.postmaster = postmaster;
    }

    /**
     * Starts a new server; skips (or fails under {@code legitimera.requireStack}) without PostgreSQL 15.
     *
     * @param work where the PID file and the server's output go (the data itself goes to a temporary folder)
     */
    static PostgresServer start(Path work) throws Exception {
        StackRequirement.require(Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("postgres")),
                "PostgreSQL 15 in " + BIN + " (scripts/install-test-stack.sh installs postgresql-15)");
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.createDirectories(work);
        Path pidFile = work.resolve("postgres.pid");
        OwnProcess.stopLeftOver(pidFile, FOLDER_PREFIX);
        Path folder = Files.createTempDirectory(FOLDER_PREFIX);
        char[] password = KeycloakTestBed.randomPassword();
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, new String(password));
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        if (root) {
            UserPrincipal owner = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
            Files.setOwner(folder, owner);
            Files.setOwner(passwordFile, owner);
        }
        Path data = folder.resolve("data");
        Path output = work.resolve("postgres.out");
        // read for the ready line: only this start's
        Files.deleteIfExists(output);
        run(asOwner(root, folder, List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                "-E", "UTF8", "--locale=C")), output);
        Files.delete(passwordFile);
        int port = KeycloakNode.freePort();
        ProcessBuilder server = asOwner(root, folder, List.of(BIN.resolve("postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + folder,
                // a throwaway database: durability costs time and proves nothing here
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=100"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        PostgresServer postgres = new PostgresServer(folder, port, password,
                OwnProcess.recorded(server.start().toHandle(), pidFile));
        try {
            postgres.awaitReady(output);
            ProcessBuilder createdb = asOwner(root, folder, List.of(BIN.resolve("createdb").toString(),
                    "-h", folder.toString(), "-p", Integer.toString(port), "-U", USER, DATABASE));
            createdb.environment().put("PGPASSWORD", new String(password));
            run(createdb, output);
        } catch (Exception | AssertionError e) {
            postgres.close();
            throw e;
        }
        LOG.info("PostgreSQL on 127.0.0.1:{} (pid {}, data in {})", port, postgres.postmaster.pid(), data);
        return postgres;
    }

    int port() {
        return port;
    }

    /** The password of {@link #USER}; the caller must not keep or log it. */
    char[] password() {
        return password.clone();
    }

    @Override
    public void close() {
        LOG.info("stopping PostgreSQL (pid {})", postmaster.pid());
        postmaster.stop();
        java.util.Arrays.fill(password, '\0');
        try {
            KeycloakDistribution.deleteTree(folder);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", folder, e);
        }
    }

    private void awaitReady(Path output) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!postmaster.isAlive()) {
                throw new AssertionError("postgres exited during start-up:\n" + KeycloakNode.tail(output));
            }
            if (Files.readString(output).contains("database system is ready to accept connections")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("postgres not ready in 60 s:\n" + KeycloakNode.tail(output));
    }

    private static void run(ProcessBuilder builder, Path output) throws Exception {
        await(builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())), output);
    }

    private static void await(ProcessBuilder builder, Path output) throws Exception {
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            OwnProcess.stopTree(process.toHandle());
            throw new AssertionError(builder.command() + " did not finish in 2 minutes");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(builder.command().getLast() + " failed (" + process.exitValue() + "):\n"
                    + KeycloakNode.tail(output));
        }
    }

    /**
     * The command in {@code folder}; under root as the postgres user, exec'd by setpriv (so the PID started
     * is the command's own).
     */
    private static ProcessBuilder asOwner(boolean root, Path folder, List<String> command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("setpriv", "--reuid=" + SYSTEM_USER, "--regid=" + SYSTEM_USER, "--init-groups", "--"));
        }
        full.addAll(command);
        return new ProcessBuilder(full).directory(folder.toFile());
    }
}
