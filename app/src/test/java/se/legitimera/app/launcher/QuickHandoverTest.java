package se.legitimera.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickHandoverTest {

    private static final String LINK = "legitimera://auth?service=https%3A%2F%2Fidp.example.se&token=åäö";

    @TempDir
    Path temp;

    private final LinkedBlockingQueue<List<String>> received = new LinkedBlockingQueue<>();
    private String runtimeBefore;

    @BeforeEach
    void pointAtTheTestFolder() {
        runtimeBefore = System.getProperty("legitimera.runtimedir");
        System.setProperty("legitimera.runtimedir", temp.resolve("run").toString());
    }

    @AfterEach
    void restore() {
        if (runtimeBefore == null) {
            System.clearProperty("legitimera.runtimedir");
        } else {
            System.setProperty("legitimera.runtimedir", runtimeBefore);
        }
    }

    @Test
    void aLinkReachesTheRunningInstance_asSingleInstanceWouldHandItOver() throws Exception {
        try (SingleInstance first = SingleInstance.claim(temp.resolve("run"), List.of(), received::add).orElseThrow()) {
            assertThat(QuickHandover.handedOver(new String[] {LINK})).isTrue();
            assertThat(received.poll(5, TimeUnit.SECONDS)).containsExactly(LINK);
        }
    }

    @Test
    void anEmptyLaunchHandsOverAnEmptyList() throws Exception {
        try (SingleInstance first = SingleInstance.claim(temp.resolve("run"), List.of(), received::add).orElseThrow()) {
            assertThat(QuickHandover.handedOver(new String[0])).isTrue();
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void withNoAppRunning_theFullPathRuns() {
        assertThat(QuickHandover.handedOver(new String[] {LINK})).isFalse();
    }

    @Test
    void optionsAndSubcommandsAlwaysTakeTheFullPath() throws Exception {
        try (SingleInstance first = SingleInstance.claim(temp.resolve("run"), List.of(), received::add).orElseThrow()) {
            assertThat(QuickHandover.handedOver(new String[] {"--autostart"})).isFalse();
            assertThat(QuickHandover.handedOver(new String[] {"--minimized"})).isFalse();
            assertThat(QuickHandover.handedOver(new String[] {"status"})).isFalse();
            assertThat(QuickHandover.handedOver(new String[] {LINK, "--demo"})).isFalse();
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aStaleSocketIsLeftToTheFullPath() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.createFile(folder.resolve(SingleInstance.SOCKET_NAME));
        assertThat(QuickHandover.handedOver(new String[] {LINK})).isFalse();
    }

    @Test
    void aFolderOthersCanReachIsLeftToTheFullPath() throws Exception {
        try (SingleInstance first = SingleInstance.claim(temp.resolve("run"), List.of(), received::add).orElseThrow()) {
            Files.setPosixFilePermissions(temp.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
            assertThat(QuickHandover.handedOver(new String[] {LINK})).isFalse();
            assertThat(received).isEmpty();
        }
    }
}
