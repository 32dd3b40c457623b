package se.legitimera.app.launcher;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

/**
 * The quick path of a later launch: a {@code legitimera://} link (or an empty launch) that an app already
 * running should get goes to its socket before picocli, Logback and the settings are loaded, which cost a
 * second launch most of its time (bench/installed/README.md). Only java.base is used, so the JVM loads little.
 *
 * <p>It speaks {@link SingleInstance}'s hand-over format and is taken only where {@link SingleInstance#claim}
 * would hand over too: the socket is in the user's own private runtime folder and someone listens there.
 * Anything else (no app running, a stale socket, a folder to repair, an answer that does not come) leaves it
 * to the full path, which says what went wrong in the log as before.
 *
 * <p>{@link Main} tries it first. The installed Linux launcher (packaging/linux/build-packages.sh) also runs it on
 * its own, as {@link #main}, in a JVM with the app jar alone on the class path, when the running app's socket
 * is there: that JVM starts in a fraction of the time the full module path takes.
 */
public final class QuickHandover {

    static final int MAGIC = 0x4C474D31;
    /** The exit status of {@link #main} when the full start-up path must run. */
    static final int NOT_HANDED_OVER = 3;
    private static final long ANSWER_TIMEOUT_MS = 5_000;

    private QuickHandover() {
    }

    /**
     * Exits with 0 when the running app took {@code args}, with {@value #NOT_HANDED_OVER} when it did not
     * (then the caller starts the full path, which reports what was wrong). Prints nothing.
     */
    public static void main(String[] args) {
        System.exit(handedOver(args) ? 0 : NOT_HANDED_OVER);
    }

    /**
     * Hands {@code args} to the running app when they are a plain hand-over (none, or one
     * {@code legitimera:} link) and an app of this user listens.
     *
     * @return true when the running app took them; false when the full start-up path must run
     */
    static boolean handedOver(String[] args) {
        if (!(args.length == 0 || args.length == 1 && args[0].toLowerCase(Locale.ROOT).startsWith("legitimera:"))) {
            return false;
        }
        String runtime = System.getProperty("legitimera.runtimedir");
        Path folder = runtime != null ? Path.of(runtime) : UserFolders.forCurrentUser().runtime();
        try {
            if (!privateToMe(folder)) {
                return false;
            }
            Path socket = folder.resolve(SingleInstance.SOCKET_NAME);
            if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                ByteBuffer frame = ByteBuffer.wrap(frame(List.of(args)));
                while (frame.hasRemaining()) {
                    channel.write(frame);
                }
                return answeredYes(channel);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The folder SingleInstance would accept as it is: a plain folder of this user, 0700. */
    private static boolean privateToMe(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return false; // Windows: the full path
        }
        return attributes.owner().getName().equals(System.getProperty("user.name"))
                && attributes.permissions().equals(PosixFilePermissions.fromString("rwx------"));
    }

    /** One byte 1 from the running app within the time SingleInstance waits too. */
    private static boolean answeredYes(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer answer = ByteBuffer.allocate(1);
        long deadline = System.nanoTime() + ANSWER_TIMEOUT_MS * 1_000_000;
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                int read = channel.read(answer);
                if (read < 0) {
                    return false;
                }
                if (read > 0) {
                    return answer.get(0) == 1;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                selector.select(left);
            }
        }
    }

    static byte[] frame(List<String> arguments) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(arguments.size());
        for (String argument : arguments) {
            byte[] utf8 = argument.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
        return bytes.toByteArray();
    }
}
