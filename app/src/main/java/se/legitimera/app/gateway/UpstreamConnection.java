package se.legitimera.app.gateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import javax.net.ssl.SSLSocket;

/** One TLS connection to the upstream, made with one login of the card. */
final class UpstreamConnection implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    final SSLSocket socket;
    final InputStream in;
    final OutputStream out;
    /** The login (card session) that authenticated this connection; stale after the card is removed. */
    final Object login;
    /** True once the connection has carried an exchange and came back from the pool. */
    boolean reused;
    Instant idleSince;

    UpstreamConnection(SSLSocket socket, Object login) throws IOException {
        this.socket = socket;
        this.login = login;
        this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken TLS connection can fail to send close_notify; nothing to do about it
        }
    }
}
