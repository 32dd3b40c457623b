package se.legitimera.smartcard.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.legitimera.smartcard.api.CardEvent;
import se.legitimera.smartcard.api.CardEvent.CardInserted;
import se.legitimera.smartcard.api.CardEvent.CardRemoved;
import se.legitimera.smartcard.api.CardEvent.PinTriesChanged;
import se.legitimera.smartcard.api.CardEvent.ReaderAdded;
import se.legitimera.smartcard.api.CardEvent.ReaderRemoved;
import se.legitimera.smartcard.api.CardEvent.ServiceAvailable;
import se.legitimera.smartcard.api.CardEvent.ServiceUnavailable;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardType;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.NoReaderException;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.TriesLeft;

@Timeout(30)
class PcscCardMonitorTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String READER = "Fake Reader 00";

    private final FakeTerminals service = new FakeTerminals();
    private final EventLog events = new EventLog();
    private final CardMonitor monitor = CardMonitor.builder().withTerminalSource(service.source())
            .withPollInterval(Duration.ofMillis(250)).withMaxBackoff(Duration.ofMillis(200)).build();

    @AfterEach
    void close() {
        monitor.close();
    }

    private static FakeTerminals.InsertedCard siths(SimulatedSithsCard card) {
        return new FakeTerminals.InsertedCard(SimulatedSithsCard.ATR_940, card::transmit, card::reset);
    }

    @Test
    void whenA940IsInserted_thenItIsReportedWithProfileAndTriesWithinOneSecond() throws Exception {
        FakeTerminals.Reader reader = service.addReader(READER);
        monitor.start(events);
        events.await(ReaderAdded.class, WAIT);

        long inserted = System.nanoTime();
        reader.insert(siths(new SimulatedSithsCard("135790", "246802")));
        CardInserted event = events.await(CardInserted.class, SECOND);

        assertThat(Duration.ofNanos(System.nanoTime() - inserted)).isLessThan(SECOND);
        assertThat(event.reader()).isEqualTo(READER);
        assertThat(event.card().profile().type()).isEqualTo(CardType.SITHS_940);
        assertThat(event.card().atr().hex()).isEqualTo("3B 7F 96 00 00 80 31 80 65 B0 85 59 56 FB 12 0F FE 82 90 00");
        assertThat(event.card().pinTries()).containsEntry(PinKind.IDENTIFICATION, TriesLeft.of(3, 3))
                .containsEntry(PinKind.SIGNATURE, TriesLeft.of(3, 3));
        assertThat(event.card().pukTries()).contains(TriesLeft.of(10, 10));
        assertThat(events.all()).first().isInstanceOf(ServiceAvailable.class);
    }

    @Test
    void whenTheCardIsRemoved_thenCardRemovedWithinOneSecond() throws Exception {
        FakeTerminals.Reader reader = service.addReader(READER);
        reader.insert(siths(new SimulatedSithsCard("135790", "246802")));
        monitor.start(events);
        events.await(CardInserted.class, WAIT);

        reader.remove();
        assertThat(events.await(CardRemoved.class, SECOND).reader()).isEqualTo(READER);
        assertThat(monitor.snapshot().readers()).singleElement()
                .satisfies(r -> assertThat(r.card()).isEmpty());
    }

    @Test
    void whenAReaderIsPluggedAndUnplugged_thenBothAreReportedAndTheCardGoesFirst() throws Exception {
        monitor.start(events);
        events.await(ServiceAvailable.class, WAIT);
        FakeTerminals.Reader reader = service.addReader(READER);
        events.await(ReaderAdded.class, SECOND);
        reader.insert(siths(new SimulatedSithsCard("135790", "246802")));
        events.await(CardInserted.class, SECOND);
        events.clear();

        service.removeReader(reader);
        events.await(ReaderRemoved.class, SECOND);
        assertThat(events.all()).containsExactly(new CardRemoved(READER), new ReaderRemoved(READER));
    }

    @Test
    void whenTheServiceStopsAndStarts_thenTheOutageIsReportedAndReadersAndCardComeBack() throws Exception {
        FakeTerminals.Reader reader = service.addReader(READER);
        reader.insert(siths(new SimulatedSithsCard("135790", "246802")));
        monitor.start(events);
        events.await(CardInserted.class, WAIT);
        events.clear();

        service.stopService();
        events.await(ServiceUnavailable.class, SECOND);
        assertThat(events.all()).startsWith(new CardRemoved(READER), new ReaderRemoved(READER));
        assertThat(monitor.snapshot().serviceAvailable()).isFalse();

        int opensBefore = service.opens.get();
        Thread.sleep(1000);
        // Back-off: at most one attempt per 200 ms (the configured maximum) after a few quick ones.
        assertThat(service.opens.get() - opensBefore).isBetween(1, 10);

        service.startService();
        events.await(ServiceAvailable.class, WAIT);
        events.await(ReaderAdded.class, WAIT);
        assertThat(events.await(CardInserted.class, WAIT).card().pinTries())
                .containsEntry(PinKind.IDENTIFICATION, TriesLeft.of(3, 3));
    }

    @Test
    void whenTheServiceIsDownAtStart_thenUnavailableIsReportedOnce() throws Exception {
        service.stopService();
        monitor.start(events);
        MonitorSnapshot snapshot = monitor.awaitFirstScan(WAIT);
        assertThat(snapshot.serviceAvailable()).isFalse();
        assertThat(snapshot.problem()).contains("SCARD_E_NO_SERVICE");
        Thread.sleep(600);
        assertThat(events.all()).containsExactly(new ServiceUnavailable(snapshot.problem()));
    }

    @Test
    void whenAwaitingTheFirstScan_thenCardsAlreadyInAreRead() throws Exception {
        service.addReader(READER).insert(siths(new SimulatedSithsCard("135790", "246802")));
        service.addReader("Fake Reader 01");
        monitor.start(events);
        MonitorSnapshot snapshot = monitor.awaitFirstScan(WAIT);
        assertThat(snapshot.serviceAvailable()).isTrue();
        assertThat(snapshot.readers()).hasSize(2);
        assertThat(snapshot.readers().getFirst().card()).hasValueSatisfying(
                card -> assertThat(card.profile().type()).isEqualTo(CardType.SITHS_940));
        assertThat(snapshot.readers().get(1).cardPresent()).isFalse();
    }

    @Test
    void whenTheCardIsUnknown_thenItIsReportedButNeverSentAnApdu() throws Exception {
        AtomicInteger apdus = new AtomicInteger();
        byte[] atr = HexFormat.of().parseHex("3B8F8001804F0CA000000306030001000000006A");
        service.addReader(READER).insert(new FakeTerminals.InsertedCard(atr, command -> {
            apdus.incrementAndGet();
            return new byte[] {(byte) 0x90, 0};
        }, () -> { }));
        monitor.start(events);

        CardInserted event = events.await(CardInserted.class, WAIT);
        assertThat(event.card().profile().type()).isEqualTo(CardType.UNKNOWN);
        assertThat(event.card().pinTries()).isEmpty();
        PinResult result = monitor.pins(READER).verify(PinKind.IDENTIFICATION, "135790".toCharArray());
        assertThat(result.status()).isEqualTo(PinStatus.NOT_SUPPORTED);
        assertThat(apdus).hasValue(0);
    }

    @Test
    void whenThePinIsChanged_thenTheCardHasTheNewPinAndNewCountersAreReported() throws Exception {
        SimulatedSithsCard card = new SimulatedSithsCard("135790", "246802");
        service.addReader(READER).insert(siths(card));
        monitor.start(events);
        events.await(CardInserted.class, WAIT);
        int exclusiveBefore = service.exclusiveSessions.get();

        PinResult result = monitor.pins(READER).change(PinKind.IDENTIFICATION, "135790".toCharArray(),
                "192837".toCharArray());

        assertThat(result.ok()).isTrue();
        assertThat(card.pinIs(0x11, "192837")).isTrue();
        assertThat(service.exclusiveSessions.get() - exclusiveBefore).isEqualTo(1);
        assertThat(service.resets).as("reset after success, so no authenticated state lingers").hasValue(1);
        assertThat(card.verifiesWithData).as("no VERIFY the user did not ask for").hasValue(0);
        events.await(PinTriesChanged.class, SECOND);
    }

    @Test
    void whenThreeWrongPins_thenThePinIsBlockedAndTheCounterSaysSo() throws Exception {
        SimulatedSithsCard card = new SimulatedSithsCard("135790", "246802");
        service.addReader(READER).insert(siths(card));
        monitor.start(events);
        events.await(CardInserted.class, WAIT);

        assertThat(monitor.pins(READER).verify(PinKind.IDENTIFICATION, "000001".toCharArray()))
                .isEqualTo(PinResult.of(PinStatus.WRONG_PIN, 2));
        assertThat(monitor.pins(READER).verify(PinKind.IDENTIFICATION, "000001".toCharArray()))
                .isEqualTo(PinResult.of(PinStatus.WRONG_PIN, 1));
        assertThat(monitor.pins(READER).verify(PinKind.IDENTIFICATION, "000001".toCharArray()))
                .isEqualTo(PinResult.of(PinStatus.PIN_BLOCKED, 0));

        assertThat(monitor.pins(READER).triesLeft(PinKind.IDENTIFICATION).blocked()).isTrue();
        assertThat(card.verifiesWithData).hasValue(3);
        assertThat(events.await(PinTriesChanged.class,
                e -> e.card().pinTries().get(PinKind.IDENTIFICATION).blocked(), SECOND)).isNotNull();
    }

    @Test
    void whenBlocked_thenThePukUnblocksWithANewPin() throws Exception {
        SimulatedSithsCard card = new SimulatedSithsCard("135790", "246802");
        service.addReader(READER).insert(siths(card));
        monitor.start(events);
        events.await(CardInserted.class, WAIT);
        for (int i = 0; i < 3; i++) {
            monitor.pins(READER).verify(PinKind.IDENTIFICATION, "000001".toCharArray());
        }

        assertThat(monitor.pins(READER).unblock(PinKind.IDENTIFICATION, "87654321".toCharArray(),
                "192837".toCharArray())).isEqualTo(PinResult.of(PinStatus.WRONG_PUK, 9));
        assertThat(monitor.pins(READER).unblock(PinKind.IDENTIFICATION, "12345678".toCharArray(),
                "192837".toCharArray()).ok()).isTrue();
        assertThat(monitor.pins(READER).triesLeft(PinKind.IDENTIFICATION)).isEqualTo(TriesLeft.of(3, 3));
        assertThat(card.pinIs(0x11, "192837")).isTrue();
    }

    @Test
    void whenNoSuchReaderOrNoCard_thenRetriableErrors() throws Exception {
        service.addReader(READER);
        monitor.start(events);
        monitor.awaitFirstScan(WAIT);

        assertThatThrownBy(() -> monitor.pins("Nope").triesLeft(PinKind.IDENTIFICATION))
                .isInstanceOfSatisfying(NoReaderException.class, e -> assertThat(e.retriable()).isTrue());
        assertThatThrownBy(() -> monitor.pins(READER).verify(PinKind.IDENTIFICATION, "135790".toCharArray()))
                .isInstanceOf(NoCardException.class);
    }

    @Test
    void whenTheListenerThrows_thenLaterEventsStillArrive() throws Exception {
        FakeTerminals.Reader reader = service.addReader(READER);
        monitor.start(event -> {
            events.accept(event);
            throw new IllegalStateException("listener bug");
        });
        events.await(ReaderAdded.class, WAIT);
        reader.insert(siths(new SimulatedSithsCard("135790", "246802")));
        assertThat(events.await(CardInserted.class, SECOND)).isNotNull();
        assertThat(events.all()).filteredOn(CardEvent.ServiceAvailable.class::isInstance).hasSize(1);
    }
}
