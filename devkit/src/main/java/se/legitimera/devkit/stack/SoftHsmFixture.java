package se.legitimera.devkit.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh SoftHSM2 token for one test class: its own {@code softhsm2.conf} and token folder in a new
 * temporary folder, removed on {@link #close()}. {@link #create} sets {@code SOFTHSM2_CONF} in this
 * process (SoftHSM reads it at C_Initialize), so create the fixture before the module is first loaded;
 * child processes get it from {@link #environment()}.
 *
 * <p>The PINs of this throwaway token reach softhsm2-util on its command line (the tool reads them
 * nowhere else); never use this for a real token.
 */
public final class SoftHsmFixture implements AutoCloseable {

    /** Where Debian's softhsm2 package puts the module. */
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private final Path directory;
    private final Path config;
    private final String label;
    private final char[] userPin;

    private SoftHsmFixture(Path directory, String label, char[] userPin) {
        this.directory = directory;
        this.config = directory.resolve("softhsm2.conf");
        this.label = label;
        this.userPin = userPin.clone();
    }

    /** Skips the test (or fails it in CI) when SoftHSM2 or pkcs11-tool is missing. */
    public static void require() {
        StackRequirement.require(Files.isRegularFile(MODULE), "SoftHSM2 module " + MODULE + " (apt install softhsm2)");
        StackRequirement.require(onPath("softhsm2-util"), "softhsm2-util (apt install softhsm2)");
        StackRequirement.require(onPath("pkcs11-tool"), "pkcs11-tool (apt install opensc)");
    }

    /**
     * Creates a token folder under {@code base}, initialises one token with {@code label} and the PINs,
     * and sets {@code SOFTHSM2_CONF}.
     *
     * @throws IOException when a tool fails or the folder cannot be written
     */
    public static SoftHsmFixture create(Path base, String label, char[] userPin, char[] soPin)
            throws IOException, InterruptedException {
        require();
        Files.createDirectories(base);
        SoftHsmFixture fixture = new SoftHsmFixture(Files.createTempDirectory(base, "softhsm-"), label, userPin);
        try {
            Path tokens = Files.createDirectories(fixture.directory.resolve("tokens"));
            Files.writeString(fixture.config, "directories.tokendir = " + tokens
                    + "\nobjectstore.backend = file\nlog.level = ERROR\n");
            ProcessEnvironment.set("SOFTHSM2_CONF", fixture.config.toString());
            fixture.run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", new String(userPin),
                    "--so-pin", new String(soPin));
        } catch (IOException | InterruptedException | RuntimeException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    /** The token label. */
    public String label() {
        return label;
    }

    /** The fixture's folder (config, tokens). */
    public Path directory() {
        return directory;
    }

    /** The variables a child process needs to see this token. */
    public Map<String, String> environment() {
        return Map.of("SOFTHSM2_CONF", config.toString());
    }

    /**
     * Imports a private key (CKA_LABEL {@code objectLabel}, CKA_ID {@code idHex}) and its certificate with
     * the same label and id, as a card holds them.
     */
    public void importKey(String objectLabel, String idHex, PrivateKey key, X509Certificate certificate)
            throws IOException, InterruptedException {
        Path keyFile = directory.resolve(objectLabel + ".p8.pem");
        Path certificateFile = directory.resolve(objectLabel + ".der");
        try {
            Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            Files.write(certificateFile, certificate.getEncoded());
            run("softhsm2-util", "--import", keyFile.toString(), "--token", label, "--label", objectLabel,
                    "--id", idHex, "--pin", new String(userPin));
            run("pkcs11-tool", "--module", MODULE.toString(), "--token-label", label, "--login", "--pin",
                    "env:LEGITIMERA_SOFTHSM_PIN", "--write-object", certificateFile.toString(), "--type", "cert",
                    "--id", idHex, "--label", objectLabel);
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the certificate", e);
        } finally {
            Files.deleteIfExists(keyFile);
            Files.deleteIfExists(certificateFile);
        }
    }

    /** Runs a tool with this token's SOFTHSM2_CONF; fails with its output unless it exits 0 within 30 s. */
    public String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        builder.environment().put("LEGITIMERA_SOFTHSM_PIN", new String(userPin));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command[0] + " did not finish within 30 s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", List.of(command[0], command[1])) + " exited "
                    + process.exitValue() + ": " + text);
        }
        return text;
    }

    /** Unsets SOFTHSM2_CONF and deletes the token folder. */
    @Override
    public void close() throws IOException {
        java.util.Arrays.fill(userPin, '\0');
        ProcessEnvironment.unset("SOFTHSM2_CONF");
        if (Files.exists(directory)) {
            List<Path> all = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(directory)) {
                walk.sorted(Comparator.reverseOrder()).forEach(all::add);
            }
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
