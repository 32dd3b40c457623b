package se.legitimera.app.ui.pin;

import java.util.ArrayList;
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
 * State of the "unblock with PUK" dialog: the PUK, a new PIN typed twice, PUK tries left, a warning before
 * the last PUK try, and the answer to give when the PUK itself is blocked. Holds no Node; every method runs
 * on the JavaFX thread, card work on {@code worker}.
 *
 * <p>Phases: LOADING -> ENTERING -> WORKING -> UNBLOCKED, or back to ENTERING on a wrong PUK, or
 * PUK_BLOCKED (only an ID administrator can help), or UNAVAILABLE when no card can be read.
 */
public final class PukUnblockViewModel implements NewPinControls.Model {

    /** Where the dialog stands. */
    public enum Phase { LOADING, ENTERING, WORKING, UNBLOCKED, PUK_BLOCKED, UNAVAILABLE }

    private final ResourceBundle messages;
    private final PinUnblockAction action;
    private final NewPinForm form;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.LOADING);

    public PukUnblockViewModel(ResourceBundle messages, PinStatusSource statusSource, PinUnblockAction action,
                               Executor worker, Executor fxThread) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.action = Objects.requireNonNull(action, "action");
        this.form = new NewPinForm(messages, statusSource, worker, fxThread, "pukUnblock.tries",
                "pukUnblock.triesUnknown", "pukUnblock.lastTry");
        form.roleProperty().subscribe(this::roleChanged);
        phase.subscribe(this::refresh);
        refresh();
    }

    /** Starts afresh and reads the card; a blocked PIN is chosen first, since that is what the user came for. */
    public void open() {
        form.restart();
        refresh();
        phase.set(Phase.LOADING);
        form.read(this::loaded, this::unavailable);
    }

    /** The window closed: secrets are wiped and a late card answer is ignored. */
    public void close() {
        form.close();
        refresh();
    }

    public void pukTyped(char[] typed) {
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

    /** Sends PUK and new PIN to the card when every rule is met; does nothing otherwise. */
    public void submit() {
        if (!form.canSubmit()) {
            return;
        }
        PinRole chosen = form.roleProperty().get();
        form.show(Notice.info(messages.getString("pukUnblock.working")));
        phase.set(Phase.WORKING);
        form.send(action::unblock, outcome -> answered(chosen, outcome));
    }

    private void loaded(List<PinStatus> statuses) {
        PinRole chosen = statuses.stream().filter(PinStatus::pinBlocked).map(PinStatus::role).findFirst()
                .orElse(form.roles().getFirst());
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
        form.showTries(status.get().pukTriesLeft());
        if (status.get().pukBlocked()) {
            form.show(Notice.error(messages.getString("pukUnblock.pukBlocked")));
            phase.set(Phase.PUK_BLOCKED);
        } else {
            form.show(status.get().pinBlocked() ? Notice.NONE
                    : Notice.info(messages.getString("pukUnblock.pinNotBlocked")));
            phase.set(Phase.ENTERING);
        }
        refresh();
    }

    private void answered(PinRole chosen, Outcome outcome) {
        switch (outcome) {
            case Outcome.Done() -> {
                wipe();
                form.show(Notice.success(Messages.format(messages, "pukUnblock.done",
                        messages.getString(chosen.messageKey()))));
                phase.set(Phase.UNBLOCKED);
            }
            case Outcome.WrongCode(Outcome.Code code, int left) -> {
                updatePukTries(chosen, left);
                form.showTries(OptionalInt.of(left));
                form.showOutcome(outcome);
                phase.set(Phase.ENTERING);
            }
            case Outcome.CodeBlocked(Outcome.Code code) when code == Outcome.Code.PUK -> {
                wipe();
                updatePukTries(chosen, 0);
                form.showTries(OptionalInt.of(0));
                form.show(Notice.error(messages.getString("pukUnblock.pukBlocked")));
                phase.set(Phase.PUK_BLOCKED);
            }
            default -> {
                form.showOutcome(outcome);
                phase.set(Phase.ENTERING);
            }
        }
    }

    private void updatePukTries(PinRole chosen, int left) {
        form.updateStatus(chosen,
                s -> new PinStatus(s.role(), s.triesLeft(), OptionalInt.of(left), s.pinFormat(), s.pukFormat()));
    }

    private void refresh() {
        Optional<PinStatus> status = form.statusOf(form.roleProperty().get());
        PinFormat pukFormat = status.map(PinStatus::pukFormat).orElse(PinFormat.SITHS_PUK);
        PinFormat pinFormat = status.map(PinStatus::pinFormat).orElse(PinFormat.SITHS_PIN);
        char[] puk = form.code().value();
        boolean pukWellFormed = pukFormat.hasLength(puk) && pukFormat.hasOnlyAllowedCharacters(puk);
        List<RuleCheck> checks = new ArrayList<>();
        checks.add(new RuleCheck(Messages.format(messages, "pukUnblock.rule.puk", pukFormat.minLength()),
                form.code().isEmpty() ? RuleCheck.State.PENDING
                        : pukWellFormed ? RuleCheck.State.MET : RuleCheck.State.BROKEN));
        checks.addAll(NewPinRules.check(messages, pinFormat, null, form.newPin().value(),
                form.confirmation().value()));
        form.judged(checks, phase.get() == Phase.ENTERING, true);
    }

    private void wipe() {
        form.wipe();
        refresh();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ObservableList<PinRole> roles() {
        return form.roles();
    }

    /** The PIN to unblock; the view binds its chooser to it. */
    public ObjectProperty<PinRole> roleProperty() {
        return form.roleProperty();
    }

    /** PUK tries left, in words. */
    public ReadOnlyStringProperty triesTextProperty() {
        return form.triesTextProperty();
    }

    /** A warning when one PUK try is left, else {@link Notice#NONE}. */
    public ReadOnlyObjectProperty<Notice> warningProperty() {
        return form.warningProperty();
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return form.noticeProperty();
    }

    public ObservableList<RuleCheck> rules() {
        return form.rules();
    }

    public ReadOnlyBooleanProperty canSubmitProperty() {
        return form.canSubmitProperty();
    }

    public ReadOnlyBooleanProperty entryEnabledProperty() {
        return form.entryEnabledProperty();
    }
}
