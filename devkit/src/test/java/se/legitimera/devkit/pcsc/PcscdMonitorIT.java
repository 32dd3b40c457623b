package se.legitimera.devkit.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.stack.PcscdFixture;
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

    private static final int READER_INDEX = 1;
    private static final String READER = PcscdFixture.readerName(READER_INDEX);

    private static PcscdFixture pcscd;

    private VpcdCardConnection connection;

    @BeforeAll
    static void acquirePcscd() {
        pcscd = PcscdFixture.acquire();
    }

    @AfterAll
    static void releasePcscd() {
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
    void insert(VirtualSithsCard inserted) throws Exception {
        connection = pcscd.insert(inserted, READER_INDEX);
    }

    @Override
    void remove() throws Exception {
        if (connection != null) {
            connection.close();
            connection = null;
            PcscdFixture.awaitReaderEmpty(READER_INDEX);
        }
    }

    @Test
    void whenPcscdIsKilledAndStartedAgain_thenTheMonitorReportsTheOutageAndRecoversReaderAndCard()
            throws Exception {
        Assumptions.assumeTrue(pcscd.startedHere(), "pcscd was started by someone else: not ours to stop");
        insertAndAwait();

        pcscd.stopOwn();
        events.await(ServiceUnavailable.class, e -> true, WAIT);
        assertThat(monitor.snapshot().serviceAvailable()).isFalse();
        assertThat(connection.awaitDisconnected(WAIT)).as("vpcd went with pcscd").isTrue();
        remove();
        events.clear();

        pcscd.startAgain();
        insert(card);
        events.await(ServiceAvailable.class, e -> true, WAIT);
        events.await(ReaderAdded.class, e -> e.reader().equals(READER), WAIT);
        CardInserted again = events.await(CardInserted.class, e -> e.reader().equals(READER), WAIT);
        assertThat(again.card().profile().type()).isEqualTo(CardType.SITHS_940);
        assertThat(again.card().pinTries()).containsEntry(PinKind.IDENTIFICATION, TriesLeft.of(3, 3));
    }
}
