package se.legitimera.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"})
    void loopbackPeersAreAccepted(String address) throws UnknownHostException {
        assertThat(LoopbackAddresses.isLoopback(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.2", "10.0.0.1", "::", "fe80::1", "::ffff:192.0.2.2", "2001:db8::1",
        "128.0.0.1"})
    void everyOtherPeerIsRefused(String address) throws UnknownHostException {
        assertThat(LoopbackAddresses.isLoopback(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void whenTheAcceptedPeerIsNotLoopback_thenTheTunnelClosesTheConnectionUnserved() throws Exception {
        InetAddress foreign = InetAddress.getByName("192.0.2.2");
        Socket fromElsewhere = new Socket() {
            @Override
            public InetAddress getInetAddress() {
                return foreign;
            }
        };
        try (Tunnel tunnel = Tunnel.builder().withName("t").withLocalPort(0)
                .withUpstream(URI.create("https://journal.example")).withCredentials(SoftwareCard.withoutKey())
                .withPinPrompt(request -> new char[0]).open()) {
            ((LoopbackTunnel) tunnel).admit(fromElsewhere);

            assertThat(fromElsewhere.isClosed()).isTrue();
            assertThat(tunnel.statistics().refusedConnections()).isEqualTo(1);
            assertThat(tunnel.statistics().acceptedConnections()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8443", "LOCALHOST:8443", "127.0.0.1:8443", "[::1]:8443", " localhost:8443 "})
    void theTunnelsOwnHostNamesAreAccepted(String host) {
        assertThat(LoopbackAddresses.isOwnHost(host, 8443)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:8444", "evil.example:8443", "127.0.0.2:8443", "localhost.:8443",
        "localhost:8443.evil.example", "[::1]", ""})
    void foreignHostNamesAreRefused(String host) {
        assertThat(LoopbackAddresses.isOwnHost(host, 8443)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]", "localhost:80"})
    void onPort80TheDefaultPortMayBeLeftOut(String host) {
        assertThat(LoopbackAddresses.isOwnHost(host, 80)).isTrue();
    }
}
