package se.legitimera.app.ui.main;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;
import se.legitimera.app.ui.common.OutcomeTexts;
import se.legitimera.app.ui.login.LoginWaitingState;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.app.ui.pin.PinStatus;
import se.legitimera.app.ui.tunnel.TunnelState;
import se.legitimera.app.ui.tunnel.TunnelTexts;
import se.legitimera.smartcard.pcsc.PcscSnapshot;

/**
 * State of the main window, without any Node: testable without a screen. Updated on the JavaFX thread.
 *
 * <p>Shows the PC/SC service and readers, the cards in them (the user picks the active one when several
 * readers hold cards), the active card's certificates and its PIN and PUK tries left, and the tunnels of
 * the settings.
 */
public final class MainViewModel {

    /** Certificates this close to their last day are shown with a warning. */
    public static final int EXPIRY_WARNING_DAYS = 30;

    private final ResourceBundle messages;
    private final Clock clock;
    private final ReadOnlyStringWrapper serviceStatus = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper serviceAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper readersStatus = new ReadOnlyStringWrapper();
    private final ObservableList<String> readers = FXCollections.observableArrayList();
    // One read-only view, kept: a view made per call is only weakly held by its list, and listeners on it
    // stop hearing changes once it is collected.
    private final ObservableList<String> readersView = FXCollections.unmodifiableObservableList(readers);

    private final ObservableList<CardOverview> cards = FXCollections.observableArrayList();
    private final ObservableList<CardOverview> cardsView = FXCollections.unmodifiableObservableList(cards);
    private final ObjectProperty<CardOverview> activeCard = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper severalCards = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper cardStatus = new ReadOnlyStringWrapper();
    private final ObservableList<CertificateRow> certificates = FXCollections.observableArrayList();
    private final ObservableList<CertificateRow> certificatesView = FXCollections.unmodifiableObservableList(certificates);
    private final ObservableList<String> pinTries = FXCollections.observableArrayList();
    private final ObservableList<String> pinTriesView = FXCollections.unmodifiableObservableList(pinTries);
    private final ReadOnlyObjectWrapper<Notice> pinWarning = new ReadOnlyObjectWrapper<>(Notice.NONE);
    private final ObservableList<TunnelRow> tunnels = FXCollections.observableArrayList();
    private final ObservableList<TunnelRow> tunnelsView = FXCollections.unmodifiableObservableList(tunnels);

    private final ReadOnlyBooleanWrapper waitingShown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper waitingStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Notice> waitingProblem = new ReadOnlyObjectWrapper<>(Notice.NONE);
    private final ReadOnlyBooleanWrapper canStartWaiting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canStopWaiting = new ReadOnlyBooleanWrapper();

    public MainViewModel(ResourceBundle messages, Clock clock) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.clock = Objects.requireNonNull(clock, "clock");
        serviceStatus.set(messages.getString("main.pcsc.checking"));
        readersStatus.set("");
        activeCard.subscribe(this::describeActiveCard);
    }

    public void update(PcscSnapshot snapshot) {
        serviceAvailable.set(snapshot.serviceAvailable());
        serviceStatus.set(snapshot.serviceAvailable()
                ? messages.getString("main.pcsc.available")
                : Messages.format(messages, "main.pcsc.unavailable", snapshot.problem()));
        readers.setAll(snapshot.readers());
        if (!snapshot.serviceAvailable()) {
            readersStatus.set(messages.getString("main.readers.unknown"));
        } else if (snapshot.readers().isEmpty()) {
            readersStatus.set(messages.getString("main.readers.none"));
        } else {
            readersStatus.set(Messages.format(messages, "main.readers.count", snapshot.readers().size()));
        }
    }

    /** The cards now in the readers; the active card stays the same card (by reader) while it is inserted. */
    public void updateCards(List<CardOverview> inserted) {
        String activeReader = activeCard.get() == null ? null : activeCard.get().readerName();
        cards.setAll(inserted);
        severalCards.set(inserted.size() > 1);
        CardOverview next = inserted.stream().filter(c -> c.readerName().equals(activeReader)).findFirst()
                .orElse(inserted.isEmpty() ? null : inserted.getFirst());
        if (next == activeCard.get()) {
            describeActiveCard(next);
        } else {
            activeCard.set(next);
        }
    }

    private void describeActiveCard(CardOverview card) {
        if (card == null) {
            cardStatus.set(messages.getString("main.card.none"));
            certificates.clear();
            pinTries.clear();
            pinWarning.set(Notice.NONE);
            return;
        }
        cardStatus.set(Messages.format(messages, "main.card.inReader", card.cardType(), card.readerName()));
        certificates.setAll(card.certificates().stream().map(this::row).toList());
        List<String> tries = new ArrayList<>();
        Notice warning = Notice.NONE;
        for (PinStatus pin : card.pins()) {
            String role = messages.getString(pin.role().messageKey());
            tries.add(Messages.format(messages, "main.pin.tries", role, triesInWords(pin.triesLeft())));
            if (pin.pinBlocked()) {
                warning = Notice.error(Messages.format(messages, "main.pin.blocked", role));
            } else if (pin.triesLeft().orElse(-1) == 1 && warning.kind() != Notice.Kind.ERROR) {
                warning = Notice.warning(Messages.format(messages, "main.pin.lastTry", role));
            }
        }
        card.pins().stream().filter(p -> p.role() == PinRole.IDENTIFICATION).findFirst()
                .or(() -> card.pins().stream().findFirst())
                .ifPresent(p -> tries.add(Messages.format(messages, "main.puk.tries", triesInWords(p.pukTriesLeft()))));
        pinTries.setAll(tries);
        pinWarning.set(warning);
    }

    private String triesInWords(OptionalInt left) {
        return left.isPresent() ? Messages.format(messages, "main.tries", left.getAsInt())
                : messages.getString("main.tries.unknown");
    }

    private CertificateRow row(CertificateOverview certificate) {
        LocalDate today = LocalDate.now(clock);
        long daysLeft = ChronoUnit.DAYS.between(today, certificate.validTo());
        String validity;
        Notice.Kind validityKind;
        if (daysLeft < 0) {
            validity = Messages.format(messages, "main.cert.expired", certificate.validTo().toString());
            validityKind = Notice.Kind.ERROR;
        } else {
            validity = Messages.format(messages, "main.cert.validTo", certificate.validTo().toString(), daysLeft);
            validityKind = daysLeft <= EXPIRY_WARNING_DAYS ? Notice.Kind.WARNING : Notice.Kind.NONE;
        }
        String trust = certificate.trustLevel()
                .map(level -> Messages.format(messages, "main.cert.trustLevel", level))
                .orElse(messages.getString("main.cert.trustLevel.unknown"));
        String revocation = messages.getString(switch (certificate.revocation()) {
            case GOOD -> "main.cert.revocation.good";
            case REVOKED -> "main.cert.revocation.revoked";
            case UNKNOWN -> "main.cert.revocation.unknown";
            case NOT_CHECKED -> "main.cert.revocation.notChecked";
        });
        String title = messages.getString(certificate.usage() == CertificateOverview.Usage.IDENTIFICATION
                ? "main.cert.identification" : "main.cert.signature");
        return new CertificateRow(title, certificate.holder(), certificate.hsaId(), certificate.issuer(), validity,
                validityKind, trust, revocation,
                certificate.revocation() == CertificateOverview.Revocation.REVOKED ? Notice.Kind.ERROR
                        : Notice.Kind.NONE);
    }

    public ReadOnlyStringProperty serviceStatusProperty() {
        return serviceStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty serviceAvailableProperty() {
        return serviceAvailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty readersStatusProperty() {
        return readersStatus.getReadOnlyProperty();
    }

    public ObservableList<String> readers() {
        return readersView;
    }

    /** The inserted cards, for the chooser shown when there are several. */
    public ObservableList<CardOverview> cards() {
        return cardsView;
    }

    /** The card PIN changes, unblocks and logins use; the user may pick another from {@link #cards()}. */
    public ObjectProperty<CardOverview> activeCardProperty() {
        return activeCard;
    }

    /** Whether more than one card is inserted (the chooser is shown). */
    public ReadOnlyBooleanProperty severalCardsProperty() {
        return severalCards.getReadOnlyProperty();
    }

    /** "SITHS 940 i Virtual PCD 00 00", or that no card is inserted. */
    public ReadOnlyStringProperty cardStatusProperty() {
        return cardStatus.getReadOnlyProperty();
    }

    public ObservableList<CertificateRow> certificates() {
        return certificatesView;
    }

    /** One line per PIN, and one for the PUK, with the tries left. */
    public ObservableList<String> pinTries() {
        return pinTriesView;
    }

    /** The tunnels of the settings changed state. */
    public void updateTunnels(List<TunnelState> states) {
        TunnelTexts texts = new TunnelTexts(messages);
        tunnels.setAll(states.stream().map(state -> new TunnelRow(state.name(), texts.address(state),
                texts.state(state), texts.toggle(state), state.running(), state.locked())).toList());
    }

    /** One row per tunnel of the settings, in their order. */
    public ObservableList<TunnelRow> tunnels() {
        return tunnelsView;
    }

    /**
     * Waiting for logins addressed to the card holder changed: the section shows only while the setting is
     * on, says where it stands, why it stopped (wrong PIN with tries left, a refusal, a session the service
     * ended), and offers to start (asks the PIN) or stop.
     */
    public void updateWaiting(LoginWaitingState state) {
        waitingShown.set(state.phase() != LoginWaitingState.Phase.OFF);
        waitingStatus.set(switch (state.phase()) {
            case OFF -> "";
            case NO_CARD -> messages.getString("main.waiting.noCard");
            case NEEDS_PIN -> messages.getString("main.waiting.needsPin");
            case OPENING -> messages.getString("main.waiting.opening");
            case WAITING -> Messages.format(messages, "main.waiting.waiting", state.service());
            case RECONNECTING -> Messages.format(messages, "main.waiting.reconnecting", state.service());
        });
        // While reconnecting the status says it all; otherwise a problem is why waiting stopped.
        waitingProblem.set(state.phase() == LoginWaitingState.Phase.RECONNECTING ? Notice.NONE
                : state.problem().map(p -> Notice.error(new OutcomeTexts(messages).describe(p))).orElse(Notice.NONE));
        canStartWaiting.set(state.canStart());
        canStopWaiting.set(state.active());
    }

    /** Whether the section on waiting for logins is shown ({@code wait-for-logins} is on). */
    public ReadOnlyBooleanProperty waitingShownProperty() {
        return waitingShown.getReadOnlyProperty();
    }

    /** "Väntar på inloggningar från https://..." and the like. */
    public ReadOnlyStringProperty waitingStatusProperty() {
        return waitingStatus.getReadOnlyProperty();
    }

    /** Why waiting stopped, as an error; none while it goes on. */
    public ReadOnlyObjectProperty<Notice> waitingProblemProperty() {
        return waitingProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartWaitingProperty() {
        return canStartWaiting.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopWaitingProperty() {
        return canStopWaiting.getReadOnlyProperty();
    }

    /** A warning at the last PIN try, an error when a PIN is blocked. */
    public ReadOnlyObjectProperty<Notice> pinWarningProperty() {
        return pinWarning.getReadOnlyProperty();
    }
}
