package se.legitimera.app.wiring;

import java.util.List;
import java.util.Objects;
import se.legitimera.app.ui.main.CardOverview;
import se.legitimera.smartcard.pcsc.PcscSnapshot;

/**
 * What the main window shows of the readers and cards at one moment.
 *
 * @param readers the PC/SC service and its readers
 * @param cards   the cards that have been read, in reader order
 */
public record CardPicture(PcscSnapshot readers, List<CardOverview> cards) {

    public CardPicture {
        Objects.requireNonNull(readers, "readers");
        cards = List.copyOf(cards);
    }
}
