package se.legitimera.app.ui.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.common.OutcomeTexts;

/**
 * State of the login dialog ("Jag legitimerar mig hos ..."): the order, the PIN, the countdown to expiry and
 * the card's answer. Holds no Node; every method runs on the JavaFX thread, network and card work on
 * {@code worker}.
 *
 * <p>Phases: FETCHING -> ENTERING -> SIGNING -> APPROVED (the window closes), or back to ENTERING on a wrong
 * PIN with the tries left, or ENDED with the reason shown (cancelled, expired, card removed, PIN blocked,
 * service unreachable). A new link replaces the order on screen; the old one is cancelled.
 *
 * <p>When the card's identification PIN is kept ({@code pin-cache.minutes}), the dialog still shows who asks
 * and waits for "Legitimera", but says for how long the PIN is kept instead of asking for it, and offers to
 * forget it. When the kept PIN expires on screen, is forgotten, or the card refuses it, the dialog asks for
 * the PIN (with the tries left after a refusal).
 */
public final class LoginApprovalViewModel {

    /** Where the dialog stands. */
    public enum Phase { IDLE, FETCHING, ENTERING, SIGNING, APPROVED, ENDED }

    private final ResourceBundle messages;
    private final OutcomeTexts outcomeTexts;
    private final LoginOrders orders;
    private final Executor worker;
    private final Executor fxThread;
    private final Clock clock;

    private char[] pin = new char[0];
    private Instant pinSavedUntil;
    private LoginOrder order;
    private LoginDetails details;
    private int generation;

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyStringWrapper rpName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper origin = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper service = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rpMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper pinSaved = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper pinSavedNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(Notice.NONE);
    private final ReadOnlyObjectWrapper<Notice> warning = new ReadOnlyObjectWrapper<>(Notice.NONE);
    private final ReadOnlyBooleanWrapper canApprove = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper entryEnabled = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper();

    public LoginApprovalViewModel(ResourceBundle messages, LoginOrders orders, Executor worker, Executor fxThread,
                                  Clock clock) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.outcomeTexts = new OutcomeTexts(messages);
        this.orders = Objects.requireNonNull(orders, "orders");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.clock = Objects.requireNonNull(clock, "clock");
        phase.subscribe(this::refresh);
    }

    /** A {@code legitimera://} link arrived: fetch its order; an order already on screen is cancelled. */
    public void start(String link) {
        cancelCurrentOrder();
        int current = ++generation;
        wipePin();
        pinSavedUntil = null;
        details = null;
        rpName.set("");
        heading.set(messages.getString("login.fetching"));
        origin.set("");
        service.set("");
        rpMessage.set("");
        countdown.set("");
        warning.set(Notice.NONE);
        notice.set(Notice.NONE);
        phase.set(Phase.FETCHING);
        worker.execute(() -> {
            try {
                LoginOrder fetched = orders.fetch(link);
                Optional<Instant> savedUntil = fetched.pinSavedUntil();
                fxThread.execute(() -> fetched(current, fetched, savedUntil));
            } catch (LoginUnavailableException e) {
                fxThread.execute(() -> end(current, e.reason()));
            } catch (RuntimeException e) {
                fxThread.execute(() -> end(current, new Outcome.Failed(e.getClass().getSimpleName())));
            }
        });
    }

    public void pinTyped(char[] typed) {
        Arrays.fill(pin, '\0');
        pin = typed;
        refresh();
    }

    /** "Legitimera": verifies the PIN (typed or kept) on the card and sends the proof. */
    public void approve() {
        if (!canApprove.get()) {
            return;
        }
        int current = generation;
        LoginOrder approving = order;
        if (pinSavedUntil != null) {
            notice.set(Notice.info(messages.getString("login.signing")));
            phase.set(Phase.SIGNING);
            worker.execute(() -> {
                Optional<Outcome> outcome;
                try {
                    outcome = approving.approveWithSavedPin();
                } catch (RuntimeException e) {
                    outcome = Optional.of(new Outcome.Failed(e.getClass().getSimpleName()));
                }
                Optional<Outcome> result = outcome;
                fxThread.execute(() -> answeredWithSavedPin(current, result));
            });
            return;
        }
        char[] copy = pin.clone();
        wipePin();
        notice.set(Notice.info(messages.getString("login.signing")));
        phase.set(Phase.SIGNING);
        worker.execute(() -> {
            Outcome outcome;
            try {
                outcome = approving.approve(copy);
            } catch (RuntimeException e) {
                outcome = new Outcome.Failed(e.getClass().getSimpleName());
            } finally {
                Arrays.fill(copy, '\0');
            }
            Outcome result = outcome;
            fxThread.execute(() -> answered(current, result));
        });
    }

    /** "Avbryt", or the window closed: cancels an open order and wipes the PIN. */
    public void cancel() {
        cancelCurrentOrder();
        generation++;
        wipePin();
        if (phase.get() != Phase.ENDED && phase.get() != Phase.APPROVED) {
            phase.set(Phase.IDLE);
        }
    }

    /** Something outside the dialog ended the order: the card was removed, the service cancelled it. */
    public void endExternally(Outcome reason) {
        if (phase.get() == Phase.FETCHING || phase.get() == Phase.ENTERING || phase.get() == Phase.SIGNING) {
            if (phase.get() != Phase.SIGNING && order != null && !(reason instanceof Outcome.OrderCancelled)) {
                LoginOrder ending = order;
                worker.execute(ending::cancel);
            }
            order = null;
            // A card answer still on its way belongs to the ended order: make it stale.
            end(++generation, reason);
        }
    }

    /** "Glöm pinkoden": forgets the kept PIN; the dialog asks for it instead. */
    public void forgetSavedPin() {
        if (pinSavedUntil == null || phase.get() != Phase.ENTERING) {
            return;
        }
        LoginOrder forgetting = order;
        worker.execute(forgetting::forgetSavedPin);
        savedPinGone();
    }

    /** Called every second by the view: updates the countdowns and ends an expired order. */
    public void tick() {
        if (details == null || (phase.get() != Phase.ENTERING && phase.get() != Phase.SIGNING)) {
            return;
        }
        if (pinSavedUntil != null && phase.get() == Phase.ENTERING) {
            Duration kept = Duration.between(clock.instant(), pinSavedUntil);
            if (kept.isNegative() || kept.isZero()) {
                savedPinGone();
            } else {
                pinSavedNote.set(Messages.format(messages, "login.pinSaved", (kept.toSeconds() + 59) / 60));
            }
        }
        Duration left = Duration.between(clock.instant(), details.expiresAt());
        if (left.isNegative() || left.isZero()) {
            countdown.set("");
            if (phase.get() == Phase.ENTERING) {
                order = null;
                end(generation, new Outcome.OrderExpired());
            }
            return;
        }
        long seconds = (left.toMillis() + 999) / 1000;
        countdown.set(Messages.format(messages, "login.expiresIn",
                String.format("%d:%02d", seconds / 60, seconds % 60)));
    }

    private void fetched(int current, LoginOrder fetched, Optional<Instant> savedUntil) {
        if (current != generation) {
            worker.execute(fetched::cancel);
            return;
        }
        order = fetched;
        details = fetched.details();
        rpName.set(details.rpName());
        heading.set(Messages.format(messages, "login.heading", details.rpName()));
        origin.set(Messages.format(messages, "login.origin", details.rpOrigin()));
        service.set(Messages.format(messages, "login.service", details.service()));
        rpMessage.set(details.message().orElse(""));
        pinSavedUntil = savedUntil.orElse(null);
        pinSaved.set(pinSavedUntil != null);
        phase.set(Phase.ENTERING);
        tick();
    }

    private void answeredWithSavedPin(int current, Optional<Outcome> outcome) {
        if (current != generation) {
            return;
        }
        if (outcome.isEmpty()) {
            // Expired or gone between the last tick and the card: nothing was sent, so ask.
            savedPinGone();
            notice.set(Notice.info(messages.getString("login.pinNoLongerSaved")));
            phase.set(Phase.ENTERING);
            tick();
            return;
        }
        if (!(outcome.get() instanceof Outcome.Done)) {
            // A refused kept PIN is forgotten: the next try is typed.
            savedPinGone();
        }
        answered(current, outcome.get());
    }

    private void savedPinGone() {
        pinSavedUntil = null;
        pinSaved.set(false);
        pinSavedNote.set("");
        refresh();
    }

    private void answered(int current, Outcome outcome) {
        if (current != generation) {
            return;
        }
        switch (outcome) {
            case Outcome.Done() -> {
                order = null;
                notice.set(Notice.success(Messages.format(messages, "login.approved", details.rpName())));
                phase.set(Phase.APPROVED);
            }
            case Outcome.WrongCode(Outcome.Code code, int left) -> {
                notice.set(Notice.error(outcomeTexts.describe(outcome)));
                warning.set(left == 1 ? Notice.warning(messages.getString("login.lastTry")) : Notice.NONE);
                phase.set(Phase.ENTERING);
                tick();
            }
            default -> {
                order = null;
                end(current, outcome);
            }
        }
    }

    private void end(int current, Outcome reason) {
        if (current != generation) {
            return;
        }
        wipePin();
        savedPinGone();
        if (details == null) {
            // Ended before an order arrived: the heading must no longer say it is being fetched.
            heading.set(messages.getString("login.notStarted"));
        }
        warning.set(Notice.NONE);
        countdown.set("");
        notice.set(Notice.error(outcomeTexts.describe(reason)));
        phase.set(Phase.ENDED);
    }

    private void cancelCurrentOrder() {
        if (order != null && (phase.get() == Phase.ENTERING || phase.get() == Phase.FETCHING)) {
            LoginOrder cancelling = order;
            worker.execute(cancelling::cancel);
        }
        order = null;
    }

    private void wipePin() {
        Arrays.fill(pin, '\0');
        pin = new char[0];
        refresh();
    }

    private void refresh() {
        boolean entering = phase.get() == Phase.ENTERING;
        entryEnabled.set(entering);
        canApprove.set(entering && (pin.length > 0 || pinSavedUntil != null));
        // Not while fetching: the tray announces a login once it knows who asks, and never one that did not start.
        waiting.set(entering || phase.get() == Phase.SIGNING);
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The relying party of the order on screen; empty while fetching. */
    public ReadOnlyStringProperty rpNameProperty() {
        return rpName.getReadOnlyProperty();
    }

    /** "Jag legitimerar mig hos ..." (or "Hämtar inloggningen ..." while fetching). */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** The relying party's web origin, in words. */
    public ReadOnlyStringProperty originProperty() {
        return origin.getReadOnlyProperty();
    }

    /** The authentication service, in words. */
    public ReadOnlyStringProperty serviceProperty() {
        return service.getReadOnlyProperty();
    }

    /** The relying party's own message; empty when it sent none. */
    public ReadOnlyStringProperty rpMessageProperty() {
        return rpMessage.getReadOnlyProperty();
    }

    /** "Inloggningen gäller i 1:45 till", empty when no order is open. */
    public ReadOnlyStringProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }

    /** True while the kept PIN stands in for the PIN field. */
    public ReadOnlyBooleanProperty pinSavedProperty() {
        return pinSaved.getReadOnlyProperty();
    }

    /** "Pinkoden är sparad i 12 minuter till" while a kept PIN stands in; else empty. */
    public ReadOnlyStringProperty pinSavedNoteProperty() {
        return pinSavedNote.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** A warning when one PIN try is left. */
    public ReadOnlyObjectProperty<Notice> warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApproveProperty() {
        return canApprove.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty entryEnabledProperty() {
        return entryEnabled.getReadOnlyProperty();
    }

    /** Whether a login waits for the user (the tray shows it). */
    public ReadOnlyBooleanProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }
}
