package se.legitimera.app.gateway;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;

/** Which peers and which Host headers a tunnel accepts: loopback only. */
final class LoopbackAddresses {

    private LoopbackAddresses() {
    }

    /** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x addresses. */
    static boolean isLoopback(InetAddress address) {
        if (address == null) {
            return false;
        }
        if (address.isLoopbackAddress()) {
            return true;
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            // ::ffff:127.x.y.z, which a dual-stack socket reports for an IPv4 loopback peer
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return b[10] == (byte) 0xff && b[11] == (byte) 0xff && b[12] == 127;
        }
        return address instanceof Inet4Address && (address.getAddress()[0] == 127);
    }

    /**
     * The Host header values a browser sends for this tunnel; anything else is refused, so that a page
     * on a foreign site whose name resolves to 127.0.0.1 (DNS rebinding) never reaches the upstream.
     */
    static Set<String> hostHeaders(int port) {
        if (port == 80) {
            return Set.of("localhost", "127.0.0.1", "[::1]", "localhost:80", "127.0.0.1:80", "[::1]:80");
        }
        return Set.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port);
    }

    static boolean isOwnHost(String hostHeader, int port) {
        return hostHeader != null && hostHeaders(port).contains(hostHeader.trim().toLowerCase(Locale.ROOT));
    }
}
