package se.legitimera.app.gateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * An HTTPS service on 127.0.0.1 that requires a client certificate, as a legacy system behind the
 * gateway would. Speaks just enough HTTP/1.1 (keep-alive, chunked, WebSocket echo) for the tests, and
 * in raw mode echoes bytes (for TLS wrapping).
 *
 * <p>Paths: {@code /whoami} answers {@code hsaId=...;host=...}; {@code /close} the same with
 * {@code Connection: close}; {@code /digest} the SHA-256 and length of the request body; {@code /big/N}
 * N bytes, chunked; {@code /redirect} a 302 to its own origin; {@code /ws} a WebSocket echo.
 */
public final class TestUpstream implements AutoCloseable {

    private final SSLServerSocket server;
    private final boolean raw;
    private final Queue<String> hsaIds = new ConcurrentLinkedQueue<>();
    private final Queue<X509Certificate> peers = new ConcurrentLinkedQueue<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();

    private TestUpstream(SSLServerSocket server, boolean raw) {
        this.server = server;
        this.raw = raw;
        Thread.ofVirtual().name("test-upstream-accept").start(this::acceptLoop);
    }

    /** An HTTP service that trusts client certificates from {@code clientCa}. */
    public static TestUpstream http(TestPki.Issued identity, X509Certificate clientCa, String... protocols)
            throws Exception {
        return new TestUpstream(listen(identity, clientCa, protocols), false);
    }

    /** A raw TLS echo service that trusts client certificates from {@code clientCa}. */
    public static TestUpstream echo(TestPki.Issued identity, X509Certificate clientCa) throws Exception {
        return new TestUpstream(listen(identity, clientCa), true);
    }

    private static SSLServerSocket listen(TestPki.Issued identity, X509Certificate clientCa, String... protocols)
            throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {identity.keyManager()},
                new TrustManager[] {TestPki.trusting(clientCa)}, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(protocols.length > 0 ? protocols : new String[] {"TLSv1.3", "TLSv1.2"});
        return server;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** HSA-ids seen in client certificates, one per accepted connection. */
    public List<String> hsaIds() {
        return List.copyOf(hsaIds);
    }

    /** The client certificates seen, one per accepted connection. */
    public List<X509Certificate> peerCertificates() {
        return List.copyOf(peers);
    }

    public int connections() {
        return connections.get();
    }

    /** Connections accepted and not yet closed. */
    public int openConnections() {
        return sockets.size();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                Thread.ofVirtual().name("test-upstream-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            connections.incrementAndGet();
            SSLSession session = socket.getSession();
            X509Certificate peer = (X509Certificate) session.getPeerCertificates()[0];
            RDN[] serial = X500Name.getInstance(peer.getSubjectX500Principal().getEncoded())
                    .getRDNs(BCStyle.SERIALNUMBER);
            String hsaId = IETFUtils.valueToString(serial[0].getFirst().getValue());
            hsaIds.add(hsaId);
            peers.add(peer);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            if (raw) {
                in.transferTo(out);
                out.flush();
                return;
            }
            while (true) {
                HttpHead request = HttpHead.read(in);
                if (request == null || !answer(request, hsaId, in, out)) {
                    return;
                }
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            // the client went away or failed the handshake; the test asserts on what it saw
        } finally {
            sockets.remove(socket);
        }
    }

    private boolean answer(HttpHead request, String hsaId, InputStream in, OutputStream out)
            throws IOException, NoSuchAlgorithmException {
        String path = request.startLine().split(" ")[1];
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long length = readBody(request, in, digest);
        String host = request.value("Host");
        if (path.equals("/ws") && request.tokens("Upgrade").contains("websocket")) {
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (request.value("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                            .getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            echoFrames(new DataInputStream(in), out);
            return false;
        }
        if (path.startsWith("/big/")) {
            long size = Long.parseLong(path.substring(5));
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            while (sent < size) {
                int n = (int) Math.min(chunk.length, size - sent);
                for (int i = 0; i < n; i++) {
                    chunk[i] = pattern(sent + i);
                }
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                sent += n;
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        }
        String body;
        String extra = "";
        boolean keepAlive = true;
        switch (path) {
            case "/whoami" -> body = "hsaId=" + hsaId + ";host=" + host;
            case "/close" -> {
                body = "hsaId=" + hsaId + ";host=" + host;
                extra = "Connection: close\r\n";
                keepAlive = false;
            }
            case "/digest" -> body = HexFormat.of().formatHex(digest.digest()) + ";length=" + length;
            case "/redirect" -> {
                body = "";
                extra = "Location: https://localhost:" + port() + "/whoami\r\n";
            }
            default -> body = "not found";
        }
        String status = switch (path) {
            case "/whoami", "/close", "/digest" -> "200 OK";
            case "/redirect" -> "302 Found";
            default -> "404 Not Found";
        };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + bytes.length + "\r\n" + extra + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return keepAlive;
    }

    /** The byte at {@code position} of a /big body. */
    public static byte pattern(long position) {
        return (byte) (position * 31 + (position >>> 16));
    }

    private static long readBody(HttpHead request, InputStream in, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        if (request.tokens("Transfer-Encoding").contains("chunked")) {
            while (true) {
                long size = Long.parseLong(line(in).split(";")[0].strip(), 16);
                if (size == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    return total;
                }
                total += readFixed(in, digest, buffer, size);
                line(in);
            }
        }
        String length = request.value("Content-Length");
        return length == null ? 0 : readFixed(in, digest, buffer, Long.parseLong(length));
    }

    private static long readFixed(InputStream in, MessageDigest digest, byte[] buffer, long size) throws IOException {
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("short body");
            }
            digest.update(buffer, 0, n);
            left -= n;
        }
        return size;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void echoFrames(DataInputStream in, OutputStream out) throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((second & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            int opcode = first & 0x0f;
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xff);
            }
            out.write(payload);
            out.flush();
            if (opcode == 8) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : List.copyOf(sockets)) {
            socket.close();
        }
    }
}
