package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.legitimera.app.ui.main.CardOverview;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
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
}
