package se.legitimera.devkit.pkcs11;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * A SoftHSM2 token of its own for one test class: its own SOFTHSM2_CONF and token directory under
 * target/, three keys with certificates (RSA 2048 "auth", RSA 4096 "sign", EC P-256 "ec"), removed on
 * {@link #close()}. The test JVM's environment gets SOFTHSM2_CONF through setenv(3), which SoftHSM
 * reads at C_Initialize, so the test must create this before loading the module.
 */
final class SoftHsmToken implements AutoCloseable {

    static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String LABEL = "legitimera-test";
    static final char[] USER_PIN = "123456".toCharArray();
    static final char[] SO_PIN = "12345678".toCharArray();

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    final Path directory;
    final Path config;
    final TestIdentity.Ca ca;
    final List<TestIdentity> identities = new ArrayList<>();

    private SoftHsmToken(Path directory, TestIdentity.Ca ca) {
        this.directory = directory;
        this.config = directory.resolve("softhsm2.conf");
        this.ca = ca;
    }

    /** Skips (or fails in CI) when SoftHSM2 or pkcs11-tool is missing. */
    static void requireSoftHsm() {
        StackRequirement.require(Files.isRegularFile(MODULE), "SoftHSM2 module " + MODULE + " (apt install softhsm2)");
        StackRequirement.require(onPath("softhsm2-util"), "softhsm2-util (apt install softhsm2)");
        StackRequirement.require(onPath("pkcs11-tool"), "pkcs11-tool (apt install opensc)");
    }

    static SoftHsmToken create() throws Exception {
        requireSoftHsm();
        Path base = Path.of(System.getProperty("user.dir"), "target", "softhsm");
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "token-");
        SoftHsmToken token = new SoftHsmToken(dir, TestIdentity.Ca.create());
        try {
            token.initialise();
        } catch (Exception | Error e) {
            token.close();
            throw e;
        }
        return token;
    }

    private void initialise() throws Exception {
        Path tokens = Files.createDirectories(directory.resolve("tokens"));
        Files.writeString(config, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Native.load("c", LibC.class).setenv("SOFTHSM2_CONF", config.toString(), 1);
        run("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", new String(USER_PIN),
                "--so-pin", new String(SO_PIN));
        add(ca.issue("auth", "01", TestIdentity.rsa(2048), false));
        add(ca.issue("sign", "02", TestIdentity.rsa(4096), true));
        add(ca.issue("ec", "03", TestIdentity.ecP256(), false));
    }

    private void add(TestIdentity identity) throws Exception {
        Path key = directory.resolve(identity.label() + ".p8.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(identity.keyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path cert = directory.resolve(identity.label() + ".der");
        Files.write(cert, identity.certificate().getEncoded());
        run("softhsm2-util", "--import", key.toString(), "--token", LABEL, "--label", identity.label(),
                "--id", identity.id(), "--pin", new String(USER_PIN));
        run("pkcs11-tool", "--module", MODULE.toString(), "--token-label", LABEL, "--login", "--pin",
                new String(USER_PIN), "--write-object", cert.toString(), "--type", "cert", "--id", identity.id(),
                "--label", identity.label());
        Files.delete(key);
        identities.add(identity);
    }

    TestIdentity identity(String label) {
        return identities.stream().filter(i -> i.label().equals(label)).findFirst().orElseThrow();
    }

    /** Runs a tool with this token's SOFTHSM2_CONF; fails with its output unless it exits 0 within 30 s. */
    String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", config.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command[0] + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(command[0] + " " + command[1] + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
