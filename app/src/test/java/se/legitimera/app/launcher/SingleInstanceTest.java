package se.legitimera.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {

    @TempDir
    Path temp;

    private final LinkedBlockingQueue<List<String>> received = new LinkedBlockingQueue<>();

    @Test
    void theFirstLaunchBecomesTheRunningInstance_inAPrivateFolder() throws IOException {
        Path folder = temp.resolve("run");
        try (SingleInstance first = SingleInstance.claim(folder, List.of(), received::add).orElseThrow()) {
            assertThat(folder.resolve(SingleInstance.SOCKET_NAME)).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        }
        assertThat(folder.resolve(SingleInstance.SOCKET_NAME)).doesNotExist();
    }

    @Test
    void aSecondLaunchHandsItsLinkToTheFirst() throws Exception {
        Path folder = temp.resolve("run");
        try (SingleInstance first = SingleInstance.claim(folder, List.of(), received::add).orElseThrow()) {
            Optional<SingleInstance> second = SingleInstance.claim(folder,
                    List.of("legitimera://auth?service=https%3A%2F%2Fidp.example.se&token=åäö"), args -> { });

            assertThat(second).isEmpty();
            assertThat(received.poll(5, TimeUnit.SECONDS))
                    .containsExactly("legitimera://auth?service=https%3A%2F%2Fidp.example.se&token=åäö");
        }
    }

    @Test
    void aSecondLaunchWithoutArguments_handsOverAnEmptyList() throws Exception {
        Path folder = temp.resolve("run");
        try (SingleInstance first = SingleInstance.claim(folder, List.of(), received::add).orElseThrow()) {
            assertThat(SingleInstance.claim(folder, List.of(), args -> { })).isEmpty();
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void aCommandReachesTheRunningInstanceAndItsAnswerComesBack() throws Exception {
        Path folder = temp.resolve("run");
        List<List<String>> commands = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SingleInstance first = SingleInstance.claim(folder, List.of(), received::add, command -> {
            commands.add(command);
            return new SingleInstance.Answer(12, "Tunnel journal could not be opened: port 8443 is in use – åäö");
        }).orElseThrow()) {
            Optional<SingleInstance.Answer> answer = SingleInstance.ask(folder, List.of("tunnel", "start", "journal"));

            assertThat(answer).contains(
                    new SingleInstance.Answer(12, "Tunnel journal could not be opened: port 8443 is in use – åäö"));
            assertThat(commands).containsExactly(List.of("tunnel", "start", "journal"));
            assertThat(received).as("a command is never handed over as a link").isEmpty();
        }
    }

    @Test
    void aCommandToAnInstanceThatTakesNone_isAnsweredAsUnknown() throws Exception {
        Path folder = temp.resolve("run");
        try (SingleInstance first = SingleInstance.claim(folder, List.of(), received::add).orElseThrow()) {
            assertThat(SingleInstance.ask(folder, List.of("tunnel", "stop", "journal")))
                    .hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(SingleInstance.UNKNOWN_COMMAND));
            // The hand-over still works after a command.
            assertThat(SingleInstance.claim(folder, List.of("legitimera://x"), args -> { })).isEmpty();
            assertThat(received.poll(5, TimeUnit.SECONDS)).containsExactly("legitimera://x");
        }
    }

    @Test
    void whenNoInstanceRuns_thenACommandFindsNobody() throws Exception {
        assertThat(SingleInstance.ask(temp.resolve("nothing-here"), List.of("tunnel", "start", "journal"))).isEmpty();
    }

    @Test
    void anInstanceOlderThanCommands_isToldApartFromOneThatIsNotRunning() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        // An old app reads a magic it does not know and closes the connection without a word.
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(folder.resolve(SingleInstance.SOCKET_NAME)));
            Thread.ofVirtual().start(() -> {
                try (var client = old.accept()) {
                    client.read(java.nio.ByteBuffer.allocate(4));
                } catch (IOException e) {
                    // the test fails on the client side if this goes wrong
                }
            });

            assertThatThrownBy(() -> SingleInstance.ask(folder, List.of("tunnel", "start", "journal")))
                    .isInstanceOf(IOException.class).hasMessageContaining("takes no commands");
        }
    }

    @Test
    void aSocketLeftByACrashedInstance_isReplaced() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        // A bound socket that is closed without unlinking leaves the file behind, as a crash does.
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(folder.resolve(SingleInstance.SOCKET_NAME)));
        }
        assertThat(folder.resolve(SingleInstance.SOCKET_NAME)).exists();

        try (SingleInstance instance = SingleInstance.claim(folder, List.of(), received::add).orElseThrow()) {
            assertThat(SingleInstance.claim(folder, List.of("x"), args -> { })).isEmpty();
        }
    }

    @Test
    void aFolderOpenToOthers_isMadePrivate() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        try (SingleInstance instance = SingleInstance.claim(folder, List.of(), received::add).orElseThrow()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        }
    }
}
