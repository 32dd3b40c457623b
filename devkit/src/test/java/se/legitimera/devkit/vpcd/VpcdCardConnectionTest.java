package se.legitimera.devkit.vpcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;

/** Plays vpcd's side of the protocol on a loopback server socket. */
@Timeout(20)
class VpcdCardConnectionTest {

    private static final HexFormat HEX = HexFormat.of();
    @TempDir
    static Path pkiFolder;
    private static VirtualSithsCard card;

    private ServerSocket vpcd;
    private VpcdCardConnection connection;

    @BeforeAll
    static void createCard() {
        card = VirtualSithsCard.builder().withPki(TestPki.openOrCreate(pkiFolder, Clock.systemUTC())).openOrCreate();
    }

    @BeforeEach
    void listen() throws IOException {
        vpcd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void closeAll() throws IOException {
        if (connection != null) {
            connection.close();
        }
        vpcd.close();
    }

    @Test
    void whenVpcdAsksForAtrPowersOnAndSendsAnApdu_thenTheCardAnswers() throws Exception {
        connection = VpcdCardConnection.connect(card, address());
        try (Socket reader = vpcd.accept()) {
            DataInputStream in = new DataInputStream(reader.getInputStream());
            DataOutputStream out = new DataOutputStream(reader.getOutputStream());
            send(out, "04");
            assertThat(HEX.formatHex(receive(in))).isEqualToIgnoringCase(VirtualSithsCard.ATR_HEX);
            send(out, "01");
            send(out, "00200011");
            assertThat(HEX.formatHex(receive(in))).isEqualTo("63c3");
            send(out, "00");
            send(out, "00200011");
            assertThat(HEX.formatHex(receive(in))).as("powered off").isEqualTo("6f00");
        }
    }

    @Test
    void whenPcscdPowersTheCardAndReadsItsAtr_thenTheCardCountsAsServed() throws Exception {
        connection = VpcdCardConnection.connect(card, address());
        try (Socket reader = vpcd.accept()) {
            DataInputStream in = new DataInputStream(reader.getInputStream());
            DataOutputStream out = new DataOutputStream(reader.getOutputStream());
            send(out, "04");
            receive(in);
            assertThat(connection.awaitServed(Duration.ofMillis(100))).as("presence check only").isFalse();
            send(out, "01");
            send(out, "04");
            receive(in);
            assertThat(connection.awaitServed(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void whenConnectionIsClosed_thenVpcdSeesTheCardGo() throws Exception {
        connection = VpcdCardConnection.connect(card, address());
        try (Socket reader = vpcd.accept()) {
            DataOutputStream out = new DataOutputStream(reader.getOutputStream());
            send(out, "01");
            assertThat(connection.isConnected()).isTrue();
            connection.close();
            assertThat(connection.isConnected()).isFalse();
            assertThat(reader.getInputStream().read()).isEqualTo(-1);
            assertThat(card.isPoweredOn()).isFalse();
        }
    }

    @Test
    void whenVpcdHangsUp_thenTheConnectionEndsAndReconnectInsertsAgain() throws Exception {
        connection = VpcdCardConnection.connect(card, address());
        vpcd.accept().close();
        assertThat(connection.awaitDisconnected(Duration.ofSeconds(5))).isTrue();
        assertThat(connection.isConnected()).isFalse();
        connection.reconnect();
        try (Socket reader = vpcd.accept()) {
            DataInputStream in = new DataInputStream(reader.getInputStream());
            DataOutputStream out = new DataOutputStream(reader.getOutputStream());
            send(out, "04");
            assertThat(receive(in)).hasSize(20);
            assertThat(connection.isConnected()).isTrue();
        }
    }

    @Test
    void whenNothingListens_thenConnectFails() throws IOException {
        InetSocketAddress closed = address();
        vpcd.close();
        assertThatThrownBy(() -> VpcdCardConnection.connect(card, closed)).isInstanceOf(ConnectException.class);
    }

    @Test
    void whenAddressIsParsed_thenHostDefaultsToLoopback() {
        assertThat(VpcdCardConnection.parseAddress("127.0.0.1:35964").getPort()).isEqualTo(35964);
        assertThat(VpcdCardConnection.parseAddress("35963").getHostString()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> VpcdCardConnection.parseAddress("host:0")).isInstanceOf(IllegalArgumentException.class);
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), vpcd.getLocalPort());
    }

    private static void send(DataOutputStream out, String hex) throws IOException {
        byte[] payload = HEX.parseHex(hex);
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
    }

    private static byte[] receive(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort();
        if (length == 0) {
            throw new EOFException("empty frame");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }
}
