package se.legitimera.devkit.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * OpenSC's PKCS#11 module for stack tests, with an opensc.conf of the test's own: the machine's
 * /etc/opensc/opensc.conf (file caching, disabled drivers, unblock style) must not change what a test
 * sees. {@link #configure} writes the file and sets {@code OPENSC_CONF} in this process, which OpenSC
 * reads at C_Initialize, so call it before the module is first loaded; child processes get the variable
 * from {@link #environment()}.
 *
 * <pre>{@code
 * try (OpenScFixture openSc = OpenScFixture.configure(folder)) {
 *     Pkcs11Module module = Pkcs11Module.builder().withLibrary(OpenScFixture.module()).build();
 * }
 * }</pre>
 */
public final class OpenScFixture implements AutoCloseable {

    /** Where Debian's opensc-pkcs11 package puts the module. */
    public static final Path MODULE = Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");

    private final Path config;

    private OpenScFixture(Path config) {
        this.config = config;
    }

    /**
     * The module's path; skips the test (or fails it in CI) when it is not installed.
     */
    public static Path module() {
        StackRequirement.require(Files.isRegularFile(MODULE), "OpenSC's PKCS#11 module " + MODULE
                + " (Debian package opensc-pkcs11)");
        return MODULE;
    }

    /**
     * Writes {@code folder/opensc.conf} without file caching and with the given {@code pkcs11 { }} settings
     * (e.g. {@code "user_pin_unblock_style = set_pin_in_unlogged_session;"}) and sets {@code OPENSC_CONF}.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static OpenScFixture configure(Path folder, String... pkcs11Settings) {
        module();
        String settings = Stream.of(pkcs11Settings).map(line -> "        " + line + "\n").collect(Collectors.joining());
        Path config = folder.resolve("opensc.conf").toAbsolutePath();
        try {
            Files.createDirectories(folder);
            Files.writeString(config, """
                    app default {
                        framework pkcs15 {
                            use_file_caching = no;
                        }
                        pkcs11 {
                    %s    }
                    }
                    """.formatted(settings));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        ProcessEnvironment.set("OPENSC_CONF", config.toString());
        return new OpenScFixture(config);
    }

    /** The opensc.conf written for this test. */
    public Path config() {
        return config;
    }

    /** The variables a child process (pkcs11-tool, the app's CLI) needs to use the same configuration. */
    public Map<String, String> environment() {
        return Map.of("OPENSC_CONF", config.toString());
    }

    /** Unsets {@code OPENSC_CONF} and deletes the file. */
    @Override
    public void close() {
        ProcessEnvironment.unset("OPENSC_CONF");
        try {
            Files.deleteIfExists(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + config, e);
        }
    }
}
