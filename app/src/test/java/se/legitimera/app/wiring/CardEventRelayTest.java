package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import se.legitimera.app.tray.Tray;
import se.legitimera.app.tray.TrayActions;
import se.legitimera.app.tray.TrayIconImage;
import se.legitimera.app.tray.TrayMenuEntry;
import se.legitimera.app.tray.TrayNotice;
import se.legitimera.app.tray.TrayPresenter;
import se.legitimera.app.tray.TrayState;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.main.CardOverview;
import se.legitimera.smartcard.api.CardEvent;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.TriesLeft;

class CardEventRelayTest {

    private static CardStatus card(String reader) {
        return new CardStatus(reader, PinStatusesTest.SITHS_940, PinStatusesTest.PROFILE_940,
                Map.of(PinKind.IDENTIFICATION, TriesLeft.of(3, 3)), Optional.of(TriesLeft.of(10, 10)), "");
    }

    private static final MonitorSnapshot TWO_CARDS_ONE_UNREAD = new MonitorSnapshot(true, "", List.of(
            new ReaderStatus("Reader 0", false, Optional.empty()),
            new ReaderStatus("Reader 1", true, Optional.of(card("Reader 1"))),
            new ReaderStatus("Reader 2", true, Optional.empty()),
            new ReaderStatus("Reader 3", true, Optional.of(card("Reader 3")))));

    @Test
    void thePictureListsEveryReaderAndEachCardThatWasRead() {
        CardPicture picture = CardEventRelay.picture(TWO_CARDS_ONE_UNREAD, Map.of());

        assertThat(picture.readers().serviceAvailable()).isTrue();
        assertThat(picture.readers().readers()).containsExactly("Reader 0", "Reader 1", "Reader 2", "Reader 3");
        assertThat(picture.cards()).extracting(CardOverview::readerName).containsExactly("Reader 1", "Reader 3");
        assertThat(picture.cards().getFirst().cardType()).isEqualTo("SITHS 940");
        assertThat(picture.cards().getFirst().pins()).hasSize(2);
    }

    @Test
    void aServiceThatIsDownShowsItsProblemAndNoCards() {
        CardPicture picture = CardEventRelay.picture(new MonitorSnapshot(false, "SCARD_E_NO_SERVICE", List.of()),
                Map.of());

        assertThat(picture.readers().serviceAvailable()).isFalse();
        assertThat(picture.readers().problem()).isEqualTo("SCARD_E_NO_SERVICE");
        assertThat(picture.cards()).isEmpty();
    }

    @Test
    void theActiveCardIsTheChosenOneWhileInsertedElseTheFirst() {
        assertThat(ActiveCard.of(TWO_CARDS_ONE_UNREAD, "Reader 3")).map(CardStatus::reader).contains("Reader 3");
        assertThat(ActiveCard.of(TWO_CARDS_ONE_UNREAD, "Reader 0")).map(CardStatus::reader).contains("Reader 1");
        assertThat(ActiveCard.of(TWO_CARDS_ONE_UNREAD, null)).map(CardStatus::reader).contains("Reader 1");
        assertThat(ActiveCard.of(new MonitorSnapshot(true, "", List.of()), null)).isEmpty();
    }

    /** A monitor whose snapshot the test sets; nothing else is used by the relay. */
    private static final class SetMonitor implements CardMonitor {
        MonitorSnapshot snapshot = new MonitorSnapshot(true, "", List.of());

        @Override
        public void start(Consumer<CardEvent> listener) {
        }

        @Override
        public MonitorSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public MonitorSnapshot awaitFirstScan(Duration timeout) {
            return snapshot;
        }

        @Override
        public PinOperations pins(String reader) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CardKeys keys(String reader) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static final class RecordingTray implements Tray {
        final List<TrayNotice> notices = new ArrayList<>();

        @Override
        public void show(TrayIconImage.Tone tone, boolean badge, String tooltip, List<TrayMenuEntry> menu) {
        }

        @Override
        public void notify(TrayNotice notice) {
            notices.add(notice);
        }

        @Override
        public void remove() {
        }
    }

    private static final class RecordingScreen implements CardEventRelay.Screen {
        final List<CardPicture> pictures = new ArrayList<>();
        int activeCardRemovals;
        int activeCardArrivals;

        @Override
        public void show(CardPicture picture) {
            pictures.add(picture);
        }

        @Override
        public void activeCardRemoved() {
            activeCardRemovals++;
        }

        @Override
        public void activeCardArrived() {
            activeCardArrivals++;
        }
    }

    private final SetMonitor monitor = new SetMonitor();
    private final RecordingTray tray = new RecordingTray();
    private final RecordingScreen screen = new RecordingScreen();
    private final TrayPresenter presenter = new TrayPresenter(tray, Messages.forLocale(Locale.of("sv")),
            new TrayActions(() -> { }, () -> { }, () -> { }, Optional.empty(), () -> { }, () -> { }),
            Clock.systemUTC());
    private final CardEventRelay relay = new CardEventRelay(monitor, new ActiveCard(monitor), Optional.of(presenter),
            screen);

    private static MonitorSnapshot readers(ReaderStatus... readers) {
        return new MonitorSnapshot(true, "", List.of(readers));
    }

    @Test
    void whenACardIsInserted_thenTheTrayIsReadyAndNotifiesAndTheScreenShowsIt() {
        monitor.snapshot = readers(new ReaderStatus("Reader 0", true, Optional.of(card("Reader 0"))));

        relay.accept(new CardEvent.CardInserted(card("Reader 0")));

        assertThat(presenter.situation().state()).isEqualTo(TrayState.CARD_READY);
        assertThat(tray.notices).extracting(TrayNotice::text).containsExactly("SITHS 940 i Reader 0 är redo.");
        assertThat(screen.pictures.getLast().cards()).hasSize(1);
        assertThat(screen.activeCardArrivals).isEqualTo(1);
    }

    @Test
    void whenTheActiveCardIsRemoved_thenAnOpenLoginHearsIt_butNotForAnotherReader() {
        monitor.snapshot = readers(new ReaderStatus("Reader 0", true, Optional.of(card("Reader 0"))),
                new ReaderStatus("Reader 1", true, Optional.of(card("Reader 1"))));
        relay.accept(new CardEvent.CardInserted(card("Reader 1")));

        monitor.snapshot = readers(new ReaderStatus("Reader 0", true, Optional.of(card("Reader 0"))),
                new ReaderStatus("Reader 1", false, Optional.empty()));
        relay.accept(new CardEvent.CardRemoved("Reader 1"));
        assertThat(screen.activeCardRemovals).isZero();

        monitor.snapshot = readers(new ReaderStatus("Reader 0", false, Optional.empty()),
                new ReaderStatus("Reader 1", false, Optional.empty()));
        relay.accept(new CardEvent.CardRemoved("Reader 0"));
        assertThat(screen.activeCardRemovals).isEqualTo(1);
        assertThat(presenter.situation().cardPresent()).isFalse();
        assertThat(tray.notices.getLast().caption()).isEqualTo("Kortet togs ut");
    }

    @Test
    void aCardThatCouldNotBeReadIsShownAsUnreadableInTheTray() {
        monitor.snapshot = readers(new ReaderStatus("Reader 0", true, Optional.empty()));

        relay.accept(new CardEvent.ReaderAdded("Reader 0"));

        assertThat(presenter.situation().state()).isEqualTo(TrayState.ERROR);
        assertThat(screen.pictures.getLast().cards()).isEmpty();
    }
}
