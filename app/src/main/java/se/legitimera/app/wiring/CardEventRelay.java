package se.legitimera.app.wiring;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.tray.TrayPresenter;
import se.legitimera.app.ui.main.CardOverview;
import se.legitimera.app.ui.main.CertificateOverview;
import se.legitimera.smartcard.api.CardEvent;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.pcsc.PcscSnapshot;

/**
 * Hears the card monitor and keeps the rest of the app in step: the main window's picture of readers and
 * cards, the tray's state and notifications, and a login that loses its card. Runs on the monitor's event
 * thread; the screen hops to the FX thread itself. The one source of truth is the monitor's snapshot.
 */
public final class CardEventRelay implements Consumer<CardEvent> {

    /** Where the relay's news goes; called on the monitor's event thread. */
    public interface Screen {

        /** The readers or cards changed. */
        void show(CardPicture picture);

        /** The card that PIN dialogs and logins were using left its reader. */
        void activeCardRemoved();

        /** A card became active where there was none: a dialog that found no card may read it now. */
        void activeCardArrived();
    }

    private static final Logger LOG = LoggerFactory.getLogger(CardEventRelay.class);

    private final CardMonitor monitor;
    private final ActiveCard active;
    private final Optional<TrayPresenter> tray;
    private final Screen screen;
    private final Map<String, List<CertificateOverview>> certificates = new ConcurrentHashMap<>();
    private String activeReader;

    public CardEventRelay(CardMonitor monitor, ActiveCard active, Optional<TrayPresenter> tray, Screen screen) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.active = Objects.requireNonNull(active, "active");
        this.tray = Objects.requireNonNull(tray, "tray");
        this.screen = Objects.requireNonNull(screen, "screen");
    }

    @Override
    public synchronized void accept(CardEvent event) {
        LOG.info("Card event: {}", event instanceof CardEvent.CardInserted inserted
                ? "card inserted in " + inserted.reader() + " (" + inserted.card().profile().id() + ")" : event);
        if (event instanceof CardEvent.CardRemoved removed) {
            certificates.remove(removed.reader());
            if (removed.reader().equals(activeReader)) {
                screen.activeCardRemoved();
            }
        }
        publish();
    }

    /** The certificates of the card in {@code reader} were read (or checked again): show them. */
    public synchronized void certificatesRead(String reader, List<CertificateOverview> read) {
        certificates.put(reader, List.copyOf(read));
        publish();
    }

    private void publish() {
        MonitorSnapshot snapshot = monitor.snapshot();
        Optional<CardStatus> current = active.status();
        boolean arrived = activeReader == null && current.isPresent();
        activeReader = current.map(CardStatus::reader).orElse(null);
        if (arrived) {
            screen.activeCardArrived();
        }
        screen.show(picture(snapshot, certificates));
        tray.ifPresent(presenter -> {
            presenter.serviceChanged(snapshot.serviceAvailable(), snapshot.readers().size());
            Optional<ReaderStatus> withCard = snapshot.readers().stream().filter(ReaderStatus::cardPresent)
                    .filter(r -> current.isEmpty() || r.name().equals(current.get().reader())).findFirst();
            presenter.cardChanged(withCard.isPresent(),
                    current.map(c -> c.profile().type().displayName()).orElse(""),
                    withCard.map(ReaderStatus::name).orElse(""),
                    current.map(CardEventRelay::identificationBlocked).orElse(false),
                    withCard.isPresent() && (current.isEmpty() || !current.get().problem().isEmpty()));
        });
    }

    static CardPicture picture(MonitorSnapshot snapshot, Map<String, List<CertificateOverview>> certificates) {
        PcscSnapshot readers = new PcscSnapshot(snapshot.serviceAvailable(),
                snapshot.readers().stream().map(ReaderStatus::name).toList(), snapshot.problem());
        List<CardOverview> cards = snapshot.readers().stream()
                .flatMap(reader -> reader.card().stream())
                .map(card -> new CardOverview(card.reader(), card.profile().type().displayName(),
                        certificates.getOrDefault(card.reader(), List.of()), PinStatuses.of(card)))
                .toList();
        return new CardPicture(readers, cards);
    }

    private static boolean identificationBlocked(CardStatus card) {
        return Optional.ofNullable(card.pinTries().get(PinKind.IDENTIFICATION)).map(TriesLeft::blocked).orElse(false);
    }
}
