package se.legitimera.app.launcher;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * <p>Wire format of a hand-over: {@code "LGM1"}, then an int count and per argument an int length and UTF-8
 * bytes; the receiver answers one byte 1 once it has the arguments.
 *
 * <p>A command from the CLI ({@code legitimera tunnel start NAME}) is framed the same way after the magic
 * {@code "LGC1"}, which no hand-over starts with, so a command can never be taken for a link. The running app
 * answers one byte 1, an int status and an int length with a UTF-8 line. An app older than commands reads a
 * wrong magic and closes the connection without answering: {@link #ask} then says the app takes no commands.
 */
public final class SingleInstance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);
    private static final int MAGIC = QuickHandover.MAGIC; // QuickHandover speaks the hand-over too
    private static final int COMMAND_MAGIC = 0x4C474331;
    private static final int MAX_ARGUMENTS = 16;
    private static final int MAX_ARGUMENT_BYTES = 8192;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    // A command may bind ports and read trust files before the app answers.
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    /** The status of a command the running app does not know. */
    public static final int UNKNOWN_COMMAND = 2;
    private static final Commands NO_COMMANDS = command -> new Answer(UNKNOWN_COMMAND, "this app takes no commands");
    static final String SOCKET_NAME = "legitimera.sock";

    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread listener;

    private SingleInstance(ServerSocketChannel server, Path socket, Consumer<List<String>> receiver,
                           Commands commands) {
        this.server = server;
        this.socket = socket;
        this.listener = Thread.ofPlatform().name("single-instance").daemon().start(() -> listen(receiver, commands));
    }

    /** What the running app answers to a command. */
    @FunctionalInterface
    public interface Commands {

        /**
         * Carries out {@code command} (for example {@code [tunnel, start, journal]}) and says how it went.
         * Called on the listener thread: keep it short, never wait for the user.
         */
        Answer answer(List<String> command);
    }

    /**
     * The running app's answer to a command.
     *
     * @param status 0 when done; otherwise a code the caller knows (the CLI uses its exit codes)
     * @param line   one line for a person, never a secret
     */
    public record Answer(int status, String line) {
        public Answer {
            Objects.requireNonNull(line, "line");
        }
    }

    /**
     * The runtime folder of the user's app: {@code -Dlegitimera.runtimedir} when set (tests and benchmarks
     * run beside a user's own Legitimera), else the user's runtime folder.
     */
    public static Path folder(UserFolders folders) {
        return Optional.ofNullable(System.getProperty("legitimera.runtimedir")).map(Path::of).orElse(folders.runtime());
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
        return claim(folder, arguments, receiver, NO_COMMANDS);
    }

    /**
     * As {@link #claim(Path, List, Consumer)}, and the running instance answers commands with {@code commands}.
     */
    public static Optional<SingleInstance> claim(Path folder, List<String> arguments, Consumer<List<String>> receiver,
                                                 Commands commands) throws IOException {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(commands, "commands");
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
            return Optional.of(new SingleInstance(server, socket, receiver, commands));
        }
    }

    /**
     * Sends a command to the app running in {@code folder} and waits up to 15 s for its answer. Never becomes
     * the running instance.
     *
     * @return the answer, or empty when no app is running there
     * @throws IOException when the app did not answer in time, or is too old to take commands
     */
    public static Optional<Answer> ask(Path folder, List<String> command) throws IOException {
        Optional<SocketChannel> running = connect(folder.resolve(SOCKET_NAME));
        if (running.isEmpty()) {
            return Optional.empty();
        }
        try (SocketChannel channel = running.get()) {
            channel.write(ByteBuffer.wrap(frame(COMMAND_MAGIC, command)));
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            return Optional.of(within(COMMAND_TIMEOUT, () -> {
                int first;
                try {
                    first = in.read();
                } catch (IOException e) {
                    // An old app closes with our command unread: the connection is reset rather than ended.
                    first = -1;
                }
                if (first != 1) {
                    throw new IOException("the running Legitimera takes no commands (an older version?)");
                }
                int status = in.readInt();
                return new Answer(status, readText(in));
            }));
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
        channel.write(ByteBuffer.wrap(frame(MAGIC, arguments)));
        InputStream in = Channels.newInputStream(channel);
        // A hung instance must not hang every later launch: wait for the answer a bounded time.
        if (within(ANSWER_TIMEOUT, in::read) != 1) {
            throw new IOException("the running Legitimera refused the hand-over");
        }
    }

    private static byte[] frame(int magic, List<String> arguments) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(arguments.size());
        for (String argument : arguments) {
            writeText(out, argument);
        }
        return bytes.toByteArray();
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read() throws IOException;
    }

    private static <T> T within(Duration timeout, Reading<T> reading) throws IOException {
        CompletableFuture<T> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return reading.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the running Legitimera did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the running Legitimera", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause()
                    : new IOException("talking to the running Legitimera failed", e.getCause());
        }
    }

    private void listen(Consumer<List<String>> receiver, Commands commands) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                DataInputStream in = new DataInputStream(Channels.newInputStream(client));
                int magic = in.readInt();
                if (magic == COMMAND_MAGIC) {
                    List<String> command = receive(in);
                    Answer answer;
                    try {
                        answer = commands.answer(command);
                    } catch (RuntimeException e) {
                        LOG.error("A command from the command line failed", e);
                        answer = new Answer(1, "the app failed to carry out the command (see its log)");
                    }
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    DataOutputStream out = new DataOutputStream(bytes);
                    out.writeByte(1);
                    out.writeInt(answer.status());
                    writeText(out, answer.line());
                    client.write(ByteBuffer.wrap(bytes.toByteArray()));
                    continue;
                }
                if (magic != MAGIC) {
                    throw new IOException("not a Legitimera hand-over");
                }
                List<String> arguments = receive(in);
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
        int count = in.readInt();
        if (count < 0 || count > MAX_ARGUMENTS) {
            throw new IOException("hand-over with " + count + " arguments");
        }
        List<String> arguments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            arguments.add(readText(in));
        }
        return List.copyOf(arguments);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_ARGUMENT_BYTES) {
            throw new IOException("hand-over text of " + length + " bytes");
        }
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length != length) {
            throw new IOException("hand-over cut short");
        }
        return new String(utf8, StandardCharsets.UTF_8);
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
