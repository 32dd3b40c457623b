package se.legitimera.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An installation without the devkit (as installers build it: the app and its libraries, no demo folder)
 * says plainly that the demo is not part of it, and exits with 6.
 */
class DemoNotInstalledIT {

    @TempDir
    Path temp;

    @Test
    void withoutTheDevkitOnTheModulePath_demoSaysItIsNotInstalledAndExitsWith6() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(),
                "-Dlegitimera.logdir=" + temp, "-Dlegitimera.runtimedir=" + temp.resolve("run"),
                "-Duser.language=sv", "-Duser.country=SE",
                "--module-path", "target/legitimera-app.jar:target/lib", "--add-modules", "ALL-MODULE-PATH",
                "-m", "se.legitimera.app/se.legitimera.app.launcher.Main", "--demo"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(6);
        assertThat(output).contains("Demoläget ingår inte i den här installationen.");
    }
}
