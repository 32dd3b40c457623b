package se.legitimera.devkit.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fixture's own start on the real pcscd. CI once failed two test classes because a client socket held
 * vpcd's port (35963 lies in the ephemeral range), so vpcd could not bind and pcscd ran without readers.
 */
class PcscdFixtureIT {

    @Test
    void whenAClientSocketHoldsAVpcdPort_thenTheFixtureStartsPcscdOnceTheSocketIsGone() throws Exception {
        Assumptions.assumeFalse(PcscdFixture.listening(PcscdFixture.VPCD_PORTS[0]),
                "a running pcscd holds the vpcd ports: this test needs to start its own");
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket holder = new Socket()) {
            // a client socket bound to vpcd's first port, as the kernel may hand it to any test's connection
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), PcscdFixture.VPCD_PORTS[0]));
            holder.connect(peer.getLocalSocketAddress());
            Socket accepted = peer.accept();
            // the peer closes first, so that the TIME_WAIT is on its port, not on vpcd's
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> close(accepted, holder),
                    CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS));

            try (PcscdFixture pcscd = PcscdFixture.acquire()) {
                assertThat(pcscd.startedHere()).isTrue();
                assertThat(PcscdFixture.listening(PcscdFixture.VPCD_PORTS[0])).isTrue();
                assertThat(PcscdFixture.listening(PcscdFixture.VPCD_PORTS[1])).isTrue();
            }
            release.join();
        }
    }

    private static void close(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
