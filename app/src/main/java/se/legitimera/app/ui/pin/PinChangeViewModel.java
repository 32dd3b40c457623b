package se.legitimera.app.ui.pin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;
import se.legitimera.app.ui.common.Outcome;

/**
 * State of the PIN change dialog: which PIN, tries left, the rules for the new PIN as the user types, and
 * what the card answered. Holds no Node; every method runs on the JavaFX thread, card work on {@code worker}.
 *
 * <p>Phases: LOADING (reading the card) -> ENTERING -> WORKING -> CHANGED, or back to ENTERING on a wrong
 * PIN (with tries left), or BLOCKED when the PIN is blocked, or UNAVAILABLE when no card can be read.
 */
public final class PinChangeViewModel implements NewPinControls.Model {

    /** Where the dialog stands. */
    public enum Phase { LOADING, ENTERING, WORKING, CHANGED, BLOCKED, UNAVAILABLE }

    private final ResourceBundle messages;
    private final PinChangeAction action;
    private final NewPinForm form;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.LOADING);

    public PinChangeViewModel(ResourceBundle messages, PinStatusSource statusSource, PinChangeAction action,
                              Executor worker, Executor fxThread) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.action = Objects.requireNonNull(action, "action");
        this.form = new NewPinForm(messages, statusSource, worker, fxThread, "pinChange.tries",
                "pinChange.triesUnknown", "pinChange.lastTry");
        form.roleProperty().subscribe(this::roleChanged);
        phase.subscribe(this::refresh);
        refresh();
    }

    /** Starts afresh and reads the card's PINs; {@code preferred} is selected if the card has it. */
    public void open(PinRole preferred) {
        form.restart();
        refresh();
        phase.set(Phase.LOADING);
        form.read(read -> loaded(preferred), this::unavailable);
    }

    /** The window closed: secrets are wiped and a late card answer is ignored. */
    public void close() {
        form.close();
        refresh();
    }

    public void currentPinTyped(char[] typed) {
        form.code().replace(typed);
        refresh();
    }

    public void newPinTyped(char[] typed) {
        form.newPin().replace(typed);
        refresh();
    }

    public void confirmationTyped(char[] typed) {
        form.confirmation().replace(typed);
        refresh();
    }

    /** Sends the change to the card when every rule is met; does nothing otherwise. */
    public void submit() {
        if (!form.canSubmit()) {
            return;
        }
        PinRole chosen = form.roleProperty().get();
        form.show(Notice.info(messages.getString("pinChange.working")));
        phase.set(Phase.WORKING);
        form.send(action::change, outcome -> answered(chosen, outcome));
    }

    private void loaded(PinRole preferred) {
        PinRole chosen = form.roles().contains(preferred) ? preferred : form.roles().getFirst();
        if (form.roleProperty().get() == chosen) {
            roleChanged(chosen);
        } else {
            form.roleProperty().set(chosen);
        }
    }

    private void unavailable(Outcome reason) {
        form.unavailable(reason);
        phase.set(Phase.UNAVAILABLE);
    }

    private void roleChanged(PinRole chosen) {
        if (phase.get() == Phase.WORKING || chosen == null) {
            return;
        }
        Optional<PinStatus> status = form.statusOf(chosen);
        if (status.isEmpty()) {
            return;
        }
        form.show(Notice.NONE);
        form.showTries(status.get().triesLeft());
        phase.set(status.get().pinBlocked() ? Phase.BLOCKED : Phase.ENTERING);
        if (status.get().pinBlocked()) {
            form.showOutcome(new Outcome.CodeBlocked(Outcome.Code.PIN));
        }
        refresh();
    }

    private void answered(PinRole chosen, Outcome outcome) {
        switch (outcome) {
            case Outcome.Done() -> {
                wipe();
                form.show(Notice.success(Messages.format(messages, "pinChange.done",
                        messages.getString(chosen.messageKey()))));
                phase.set(Phase.CHANGED);
            }
            case Outcome.WrongCode(Outcome.Code code, int left) -> {
                updateTries(chosen, left);
                form.showTries(OptionalInt.of(left));
                form.showOutcome(outcome);
                phase.set(Phase.ENTERING);
            }
            case Outcome.CodeBlocked(Outcome.Code code) -> {
                wipe();
                updateTries(chosen, 0);
                form.showTries(OptionalInt.of(0));
                form.showOutcome(outcome);
                phase.set(Phase.BLOCKED);
            }
            default -> {
                form.showOutcome(outcome);
                phase.set(Phase.ENTERING);
            }
        }
    }

    private void updateTries(PinRole chosen, int left) {
        form.updateStatus(chosen,
                s -> new PinStatus(s.role(), OptionalInt.of(left), s.pukTriesLeft(), s.pinFormat(), s.pukFormat()));
    }

    private void refresh() {
        PinFormat format = form.statusOf(form.roleProperty().get()).map(PinStatus::pinFormat)
                .orElse(PinFormat.SITHS_PIN);
        List<RuleCheck> checks = NewPinRules.check(messages, format, form.code().value(), form.newPin().value(),
                form.confirmation().value());
        form.judged(checks, phase.get() == Phase.ENTERING, !form.code().isEmpty());
    }

    private void wipe() {
        form.wipe();
        refresh();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The card's PINs; the user chooses one when there are two. */
    public ObservableList<PinRole> roles() {
        return form.roles();
    }

    /** The PIN to change; the view binds its chooser to it. */
    public ObjectProperty<PinRole> roleProperty() {
        return form.roleProperty();
    }

    public ReadOnlyStringProperty triesTextProperty() {
        return form.triesTextProperty();
    }

    /** A warning at the last try, else {@link Notice#NONE}. */
    public ReadOnlyObjectProperty<Notice> warningProperty() {
        return form.warningProperty();
    }

    /** What happened last: working, wrong PIN, blocked, changed, card removed ... */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return form.noticeProperty();
    }

    /** The rules for the new PIN, judged against what has been typed. */
    public ObservableList<RuleCheck> rules() {
        return form.rules();
    }

    public ReadOnlyBooleanProperty canSubmitProperty() {
        return form.canSubmitProperty();
    }

    /** Whether the PIN fields accept input. */
    public ReadOnlyBooleanProperty entryEnabledProperty() {
        return form.entryEnabledProperty();
    }
}
