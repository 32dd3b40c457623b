package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Keycloak distribution folder with the provider jar installed and {@code kc.sh build} run for one set of
 * build options. The build is cached: it runs again only when the jar or the options changed since the last
 * build in that folder.
 */
final class KeycloakDistribution {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakDistribution.class);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);
    private static final String PROVIDER_FILE = "legitimera-keycloak.jar";
    /** Written by {@code kc.sh build} or replaced by our copy: never shared through a hard link. */
    private static final List<String> OWN_FOLDERS = List.of("lib/quarkus", "providers", "conf");

    private KeycloakDistribution() {
    }

    /** Copies the provider into {@code home}'s providers/ and runs kc.sh build when it or the options changed. */
    static void build(Path home, Path provider, List<String> buildOptions, Path work) throws Exception {
        Path installed = home.resolve("providers").resolve(PROVIDER_FILE);
        String stamp = sha256(Files.readAllBytes(provider)) + " " + String.join(" ", buildOptions);
        Path marker = home.resolve("lib/quarkus/legitimera-build.stamp");
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(stamp) && Files.isRegularFile(installed)
                && sha256(Files.readAllBytes(installed)).equals(sha256(Files.readAllBytes(provider)))) {
            LOG.info("Keycloak build in {} is current for this provider jar; skipping kc.sh build", home);
            return;
        }
        Files.copy(provider, installed, StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(buildOptions);
        Path output = work.resolve("kc-build.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        environment(builder, "-Xmx512m");
        Instant begin = Instant.now();
        Process build = builder.start();
        if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            OwnProcess.stopTree(build.toHandle());
            throw new AssertionError("kc.sh build did not finish in " + BUILD_TIMEOUT + "; see " + output);
        }
        if (build.exitValue() != 0) {
            throw new AssertionError("kc.sh build failed (" + build.exitValue() + "): " + Files.readString(output));
        }
        Files.writeString(marker, stamp);
        LOG.info("kc.sh build {} took {} ms", buildOptions, Duration.between(begin, Instant.now()).toMillis());
    }

    /**
     * A second distribution folder at {@code copy} made of hard links to {@code original}'s files (seconds, no
     * space), except what a build or a running server writes: {@code lib/quarkus}, {@code providers} and
     * {@code conf} are copied, {@code data} is left out. Replaces whatever {@code copy} held.
     */
    static void linkedCopy(Path original, Path copy) throws IOException {
        deleteTree(copy);
        try (Stream<Path> paths = Files.walk(original)) {
            for (Path source : paths.toList()) {
                Path relative = original.relativize(source);
                if (relative.startsWith("data")) {
                    continue;
                }
                Path target = copy.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (OWN_FOLDERS.stream().anyMatch(relative::startsWith)) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                } else {
                    Files.createLink(target, source);
                }
            }
        }
    }

    /** The JDK of this run for kc.sh, no inherited JVM options, and a capped heap. */
    static void environment(ProcessBuilder builder, String maxHeap) {
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("JAVA_OPTS");
        env.remove("JAVA_OPTS_APPEND");
        // The server's heap stays small: the machine runs the browser, the app and the tests beside it.
        env.put("JAVA_OPTS_KC_HEAP", "-XX:MaxRAMPercentage=25 -Xms128m " + maxHeap);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
