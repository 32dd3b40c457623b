package se.legitimera.app.wiring;

import java.util.Optional;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.ReaderStatus;

/**
 * The card PIN dialogs and logins work with: the one the user chose in the main window while it is
 * inserted, else the first card the monitor has read. Thread-safe: chosen on the FX thread, read on workers.
 */
public final class ActiveCard {

    private final CardMonitor monitor;
    private volatile String chosenReader;

    public ActiveCard(CardMonitor monitor) {
        this.monitor = monitor;
    }

    /** The user chose the card in this reader ({@code null}: no choice, take the first). */
    public void choose(String reader) {
        chosenReader = reader;
    }

    /** The active card as the monitor last read it; empty when no card has been read. */
    public Optional<CardStatus> status() {
        return of(monitor.snapshot(), chosenReader);
    }

    static Optional<CardStatus> of(MonitorSnapshot snapshot, String chosen) {
        Optional<CardStatus> chosenCard = snapshot.readers().stream()
                .filter(reader -> reader.name().equals(chosen))
                .flatMap(reader -> reader.card().stream())
                .findFirst();
        return chosenCard.or(() -> snapshot.readers().stream().map(ReaderStatus::card)
                .flatMap(Optional::stream).findFirst());
    }
}
