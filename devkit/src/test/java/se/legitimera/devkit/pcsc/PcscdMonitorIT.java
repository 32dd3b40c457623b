package se.legitimera.devkit.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.vpcd.VpcdCardConnection;
import se.legitimera.smartcard.api.CardEvent.CardInserted;
import se.legitimera.smartcard.api.CardEvent.ReaderAdded;
import se.legitimera.smartcard.api.CardEvent.ServiceAvailable;
import se.legitimera.smartcard.api.CardEvent.ServiceUnavailable;
import se.legitimera.smartcard.api.CardType;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.pcsc.TerminalSource;

/**
 * The monitor scenarios on the production path: jnasmartcardio -> libpcsclite -> pcscd -> vpcd -> the
 * virtual card over TCP. Uses vpcd's second reader, leaving the first to manual runs.
 */
class PcscdMonitorIT extends MonitorScenarios {

    private static final String READER = "Virtual PCD 00 01";
    private static final InetSocketAddress VPCD = new InetSocketAddress("127.0.0.1", TestPcscd.VPCD_PORT_01);

    @TempDir
    static Path logFolder;
    private static TestPcscd pcscd;

    private VpcdCardConnection connection;

    @BeforeAll
    static void startPcscd() throws Exception {
        pcscd = TestPcscd.reuseOrStart(logFolder.resolve("pcscd.log"));
    }

    @AfterAll
    static void stopPcscd() throws Exception {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @Override
    TerminalSource source() {
        return TerminalSource.pcsc();
    }

    @Override
    String readerName() {
        return READER;
    }

    @Override
    void insert(VirtualSithsCard inserted) throws IOException {
        connection = VpcdCardConnection.connect(inserted, VPCD);
    }

    @Override
    void remove() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Test
    void whenPcscdIsKilledAndStartedAgain_thenTheMonitorReportsTheOutageAndRecoversReaderAndCard()
            throws Exception {
        Assumptions.assumeTrue(pcscd.owned(), "pcscd was started by someone else: not ours to stop");
        insertAndAwait();

        pcscd.stop();
        events.await(ServiceUnavailable.class, e -> true, WAIT);
        assertThat(monitor.snapshot().serviceAvailable()).isFalse();
        assertThat(connection.awaitDisconnected(WAIT)).as("vpcd went with pcscd").isTrue();
        remove();
        events.clear();

        pcscd.start();
        insert(card);
        events.await(ServiceAvailable.class, e -> true, WAIT);
        events.await(ReaderAdded.class, e -> e.reader().equals(READER), WAIT);
        CardInserted again = events.await(CardInserted.class, e -> e.reader().equals(READER), WAIT);
        assertThat(again.card().profile().type()).isEqualTo(CardType.SITHS_940);
        assertThat(again.card().pinTries()).containsEntry(PinKind.IDENTIFICATION, TriesLeft.of(3, 3));
    }
}
