package se.legitimera.app.launcher;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One desktop app per user. The first launch listens on a UNIX-domain socket in the user's private runtime
 * folder; a later launch (a user double-clicking, or the OS handing over a {@code legitimera://} link) sends
 * its arguments there and exits. A socket left behind by a crashed app is found stale and replaced.
 *
 * <p>Wire format: {@code "LGM1"}, then an int count and per argument an int length and UTF-8 bytes; the
 * receiver answers one byte 1 once it has the arguments.
 */
public final class SingleInstance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);
    private static final int MAGIC = 0x4C474D31;
    private static final int MAX_ARGUMENTS = 16;
    private static final int MAX_ARGUMENT_BYTES = 8192;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    static final String SOCKET_NAME = "legitimera.sock";

    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread listener;

    private SingleInstance(ServerSocketChannel server, Path socket, Consumer<List<String>> receiver) {
        this.server = server;
        this.socket = socket;
        this.listener = Thread.ofPlatform().name("single-instance").daemon().start(() -> listen(receiver));
    }

    /**
     * Becomes the running instance, or hands {@code arguments} to the one already running.
     *
     * @param folder    the user's private runtime folder; created with 0700 where POSIX permissions exist
     * @param receiver  gets the arguments of every later launch, on the listener thread
     * @return the running instance (close it at quit), or empty when the arguments went to another instance
     * @throws IOException when the folder is not private to this user, or neither connecting nor listening
     *                     worked, or the running instance did not answer in time
     */
    public static Optional<SingleInstance> claim(Path folder, List<String> arguments, Consumer<List<String>> receiver)
            throws IOException {
        Objects.requireNonNull(receiver, "receiver");
        preparePrivateFolder(folder);
        Path socket = folder.resolve(SOCKET_NAME);
        // The lock makes "is anyone listening? else listen" one step when two launches race.
        try (FileChannel lockFile = FileChannel.open(folder.resolve("instance.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            Optional<SocketChannel> running = connect(socket);
            if (running.isPresent()) {
                try (SocketChannel channel = running.get()) {
                    send(channel, arguments);
                }
                return Optional.empty();
            }
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            return Optional.of(new SingleInstance(server, socket, receiver));
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Could not remove the single-instance socket {}", socket, e);
        }
        listener.interrupt();
    }

    private static Optional<SocketChannel> connect(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        } catch (IOException e) {
            LOG.info("Removing a stale single-instance socket ({})", e.getMessage());
            return Optional.empty();
        }
    }

    private static void send(SocketChannel channel, List<String> arguments) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(arguments.size());
        for (String argument : arguments) {
            byte[] utf8 = argument.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
        channel.write(ByteBuffer.wrap(bytes.toByteArray()));
        // A hung instance must not hang every later launch: wait for the answer a bounded time.
        CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return Channels.newInputStream(channel).read();
            } catch (IOException e) {
                return -1;
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        try {
            if (answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) != 1) {
                throw new IOException("the running Legitimera refused the hand-over");
            }
        } catch (TimeoutException e) {
            throw new IOException("the running Legitimera did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing over", e);
        } catch (ExecutionException e) {
            throw new IOException("hand-over failed", e.getCause());
        }
    }

    private void listen(Consumer<List<String>> receiver) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                List<String> arguments = receive(new DataInputStream(Channels.newInputStream(client)));
                client.write(ByteBuffer.wrap(new byte[] {1}));
                receiver.accept(arguments);
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("A hand-over from another launch failed", e);
                }
            } catch (RuntimeException e) {
                LOG.error("Handling a hand-over failed", e);
            }
        }
    }

    private static List<String> receive(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Legitimera hand-over");
        }
        int count = in.readInt();
        if (count < 0 || count > MAX_ARGUMENTS) {
            throw new IOException("hand-over with " + count + " arguments");
        }
        List<String> arguments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 0 || length > MAX_ARGUMENT_BYTES) {
                throw new IOException("hand-over argument of " + length + " bytes");
            }
            arguments.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        return List.copyOf(arguments);
    }

    private static void preparePrivateFolder(Path folder) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(folder.getParent() == null ? folder : folder.getParent(),
                PosixFileAttributeView.class);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        if (posix == null) {
            // Windows: %LOCALAPPDATA% is private to the user by its ACL.
            Files.createDirectories(folder);
            return;
        }
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another launch created it a moment ago; the checks below still apply.
            }
        }
        if (Files.isSymbolicLink(folder) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(folder + " is not a plain folder");
        }
        UserPrincipal me = folder.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        if (!Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).equals(me)) {
            throw new IOException(folder + " belongs to another user");
        }
        if (!Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(ownerOnly)) {
            Files.setPosixFilePermissions(folder, ownerOnly);
        }
    }
}
