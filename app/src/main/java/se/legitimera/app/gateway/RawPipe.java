package se.legitimera.app.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Copies bytes both ways between the local socket and the upstream until either side is done: the
 * WebSocket pipe after a 101 answer, and the whole life of a raw TLS tunnel connection.
 */
final class RawPipe {

    private static final int BUFFER = 16 * 1024;

    private RawPipe() {
    }

    /**
     * Runs until the upstream closes (or fails); when the local side finishes sending first, the
     * upstream gets a TLS close_notify for its input and may still answer.
     */
    static void run(String threadName, Socket local, InputStream localIn, OutputStream localOut,
            Socket upstream, InputStream upstreamIn, OutputStream upstreamOut) throws InterruptedException {
        Thread outbound = Thread.ofVirtual().name(threadName).start(() -> {
            try {
                copy(localIn, upstreamOut);
                upstream.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                closeQuietly(upstream);
            }
        });
        try {
            copy(upstreamIn, localOut);
        } catch (IOException e) {
            // one side failed; both close below
        } finally {
            closeQuietly(local);
            closeQuietly(upstream);
        }
        outbound.join();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            if (in.available() == 0) {
                out.flush();
            }
        }
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed by the other direction
        }
    }
}
