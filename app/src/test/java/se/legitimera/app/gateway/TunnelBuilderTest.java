package se.legitimera.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunnelBuilderTest {

    @Test
    void whenAskedToListenOnEveryInterface_thenTheConfigurationIsRefused() throws IOException {
        assertThatThrownBy(() -> Tunnel.builder().withListenAddresses(List.of(InetAddress.getByName("0.0.0.0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback only");
        assertThatThrownBy(() -> Tunnel.builder().withListenAddresses(List.of(InetAddress.getByName("::"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tunnel.builder().withListenAddresses(List.of(InetAddress.getByName("192.0.2.2"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenTheUpstreamIsNotHttps_thenTheConfigurationIsRefused() {
        assertThatThrownBy(() -> Tunnel.builder().withUpstream(URI.create("http://journal.example")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tunnel.builder().withUpstream(URI.create("https://user@journal.example")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tunnel.builder().withLocalPort(65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenSomethingRequiredIsMissing_thenOpenRefuses() {
        TunnelBuilder builder = Tunnel.builder().withName("t").withLocalPort(0)
                .withUpstream(URI.create("https://journal.example"));
        assertThatThrownBy(builder::open).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whenOpened_thenTheTunnelListensOnLoopbackOnly() throws Exception {
        try (Tunnel tunnel = Tunnel.builder().withName("t").withLocalPort(0)
                .withUpstream(URI.create("https://journal.example")).withCredentials(SoftwareCard.withoutKey())
                .withPinPrompt(request -> new char[0]).open()) {
            assertThat(tunnel.localPort()).isPositive();
            try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), tunnel.localPort())) {
                assertThat(socket.isConnected()).isTrue();
            }
            assertThat(tunnel.upstream()).isEqualTo(URI.create("https://journal.example"));
            assertThat(tunnel.mode()).isEqualTo(TunnelMode.HTTP);
        }
    }

    @Test
    void trustedCertificatesAreReadFromPem(@TempDir Path folder) throws Exception {
        TestPki.Issued ca = TestPki.rootCa("PEM CA");
        Path pem = folder.resolve("ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(ca.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        assertThat(TunnelBuilder.readCertificates(pem)).containsExactly(ca.certificate());
        Path empty = Files.writeString(folder.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TunnelBuilder.readCertificates(empty)).isInstanceOf(IOException.class);
    }
}
