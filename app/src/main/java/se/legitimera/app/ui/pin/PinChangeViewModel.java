package se.legitimera.app.ui.pin;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
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
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.common.OutcomeTexts;

/**
 * State of the PIN change dialog: which PIN, tries left, the rules for the new PIN as the user types, and
 * what the card answered. Holds no Node; every method runs on the JavaFX thread, card work on {@code worker}.
 *
 * <p>Phases: LOADING (reading the card) -> ENTERING -> WORKING -> CHANGED, or back to ENTERING on a wrong
 * PIN (with tries left), or BLOCKED when the PIN is blocked, or UNAVAILABLE when no card can be read.
 */
public final class PinChangeViewModel {

    /** Where the dialog stands. */
    public enum Phase { LOADING, ENTERING, WORKING, CHANGED, BLOCKED, UNAVAILABLE }

    private final ResourceBundle messages;
    private final OutcomeTexts outcomeTexts;
    private final PinStatusSource statusSource;
    private final PinChangeAction action;
    private final Executor worker;
    private final Executor fxThread;

    private final SecretBuffer currentPin = new SecretBuffer();
    private final SecretBuffer newPin = new SecretBuffer();
    private final SecretBuffer confirmation = new SecretBuffer();

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.LOADING);
    private final ObservableList<PinRole> roles = FXCollections.observableArrayList();
    // One read-only view, kept: a view made per call is only weakly held by its list, and listeners on it
    // stop hearing changes once it is collected.
    private final ObservableList<PinRole> rolesView = FXCollections.unmodifiableObservableList(roles);
    private final ObjectProperty<PinRole> role = new SimpleObjectProperty<>(PinRole.IDENTIFICATION);
    private final ReadOnlyStringWrapper triesText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Notice> warning = new ReadOnlyObjectWrapper<>(Notice.NONE);
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(Notice.NONE);
    private final ObservableList<RuleCheck> rules = FXCollections.observableArrayList();
    private final ObservableList<RuleCheck> rulesView = FXCollections.unmodifiableObservableList(rules);
    private final ReadOnlyBooleanWrapper canSubmit = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper entryEnabled = new ReadOnlyBooleanWrapper();

    private List<PinStatus> statuses = List.of();
    private int generation;

    public PinChangeViewModel(ResourceBundle messages, PinStatusSource statusSource, PinChangeAction action,
                              Executor worker, Executor fxThread) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.outcomeTexts = new OutcomeTexts(messages);
        this.statusSource = Objects.requireNonNull(statusSource, "statusSource");
        this.action = Objects.requireNonNull(action, "action");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        role.subscribe(this::roleChanged);
        phase.subscribe(this::refresh);
        refresh();
    }

    /** Starts afresh and reads the card's PINs; {@code preferred} is selected if the card has it. */
    public void open(PinRole preferred) {
        int current = ++generation;
        wipe();
        notice.set(Notice.NONE);
        phase.set(Phase.LOADING);
        worker.execute(() -> {
            try {
                List<PinStatus> read = statusSource.read();
                fxThread.execute(() -> loaded(current, read, preferred));
            } catch (PinStatusUnavailableException e) {
                fxThread.execute(() -> unavailable(current, e.reason()));
            }
        });
    }

    /** The window closed: secrets are wiped and a late card answer is ignored. */
    public void close() {
        generation++;
        wipe();
    }

    public void currentPinTyped(char[] typed) {
        currentPin.replace(typed);
        refresh();
    }

    public void newPinTyped(char[] typed) {
        newPin.replace(typed);
        refresh();
    }

    public void confirmationTyped(char[] typed) {
        confirmation.replace(typed);
        refresh();
    }

    /** Sends the change to the card when every rule is met; does nothing otherwise. */
    public void submit() {
        if (!canSubmit.get()) {
            return;
        }
        int current = generation;
        PinRole chosen = role.get();
        char[] oldCopy = currentPin.copy();
        char[] newCopy = newPin.copy();
        notice.set(Notice.info(messages.getString("pinChange.working")));
        phase.set(Phase.WORKING);
        worker.execute(() -> {
            Outcome outcome;
            try {
                outcome = action.change(chosen, oldCopy, newCopy);
            } catch (RuntimeException e) {
                outcome = new Outcome.Failed(e.getClass().getSimpleName());
            } finally {
                Arrays.fill(oldCopy, '\0');
                Arrays.fill(newCopy, '\0');
            }
            Outcome result = outcome;
            fxThread.execute(() -> answered(current, chosen, result));
        });
    }

    private void loaded(int current, List<PinStatus> read, PinRole preferred) {
        if (current != generation) {
            return;
        }
        statuses = List.copyOf(read);
        roles.setAll(statuses.stream().map(PinStatus::role).toList());
        if (roles.isEmpty()) {
            unavailable(current, new Outcome.NoCard());
            return;
        }
        PinRole chosen = roles.contains(preferred) ? preferred : roles.getFirst();
        if (role.get() == chosen) {
            roleChanged(chosen);
        } else {
            role.set(chosen);
        }
    }

    private void unavailable(int current, Outcome reason) {
        if (current != generation) {
            return;
        }
        statuses = List.of();
        roles.clear();
        notice.set(Notice.error(outcomeTexts.describe(reason)));
        phase.set(Phase.UNAVAILABLE);
    }

    private void roleChanged(PinRole chosen) {
        if (phase.get() == Phase.WORKING || chosen == null) {
            return;
        }
        Optional<PinStatus> status = statusOf(chosen);
        if (status.isEmpty()) {
            return;
        }
        notice.set(Notice.NONE);
        showTries(status.get().triesLeft());
        phase.set(status.get().pinBlocked() ? Phase.BLOCKED : Phase.ENTERING);
        if (status.get().pinBlocked()) {
            notice.set(Notice.error(outcomeTexts.describe(new Outcome.CodeBlocked(Outcome.Code.PIN))));
        }
        refresh();
    }

    private void answered(int current, PinRole chosen, Outcome outcome) {
        if (current != generation) {
            return;
        }
        switch (outcome) {
            case Outcome.Done() -> {
                wipe();
                notice.set(Notice.success(Messages.format(messages, "pinChange.done",
                        messages.getString(chosen.messageKey()))));
                phase.set(Phase.CHANGED);
            }
            case Outcome.WrongCode(Outcome.Code code, int left) -> {
                updateTries(chosen, left);
                showTries(OptionalInt.of(left));
                notice.set(Notice.error(outcomeTexts.describe(outcome)));
                phase.set(Phase.ENTERING);
            }
            case Outcome.CodeBlocked(Outcome.Code code) -> {
                wipe();
                updateTries(chosen, 0);
                showTries(OptionalInt.of(0));
                notice.set(Notice.error(outcomeTexts.describe(outcome)));
                phase.set(Phase.BLOCKED);
            }
            default -> {
                notice.set(Notice.error(outcomeTexts.describe(outcome)));
                phase.set(Phase.ENTERING);
            }
        }
    }

    private void updateTries(PinRole chosen, int left) {
        statuses = statuses.stream()
                .map(s -> s.role() == chosen
                        ? new PinStatus(s.role(), OptionalInt.of(left), s.pukTriesLeft(), s.pinFormat(), s.pukFormat())
                        : s)
                .toList();
    }

    private void showTries(OptionalInt left) {
        if (left.isEmpty()) {
            triesText.set(messages.getString("pinChange.triesUnknown"));
            warning.set(Notice.NONE);
            return;
        }
        triesText.set(Messages.format(messages, "pinChange.tries", left.getAsInt()));
        warning.set(left.getAsInt() == 1 ? Notice.warning(messages.getString("pinChange.lastTry")) : Notice.NONE);
    }

    private Optional<PinStatus> statusOf(PinRole chosen) {
        return statuses.stream().filter(s -> s.role() == chosen).findFirst();
    }

    private void refresh() {
        PinFormat format = statusOf(role.get()).map(PinStatus::pinFormat).orElse(PinFormat.SITHS_PIN);
        List<RuleCheck> checks = NewPinRules.check(messages, format, currentPin.value(), newPin.value(),
                confirmation.value());
        rules.setAll(checks);
        boolean entering = phase.get() == Phase.ENTERING;
        entryEnabled.set(entering);
        canSubmit.set(entering && !currentPin.isEmpty() && NewPinRules.allMet(checks));
    }

    private void wipe() {
        currentPin.wipe();
        newPin.wipe();
        confirmation.wipe();
        refresh();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The card's PINs; the user chooses one when there are two. */
    public ObservableList<PinRole> roles() {
        return rolesView;
    }

    /** The PIN to change; the view binds its chooser to it. */
    public ObjectProperty<PinRole> roleProperty() {
        return role;
    }

    public ReadOnlyStringProperty triesTextProperty() {
        return triesText.getReadOnlyProperty();
    }

    /** A warning at the last try, else {@link Notice#NONE}. */
    public ReadOnlyObjectProperty<Notice> warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** What happened last: working, wrong PIN, blocked, changed, card removed ... */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The rules for the new PIN, judged against what has been typed. */
    public ObservableList<RuleCheck> rules() {
        return rulesView;
    }

    public ReadOnlyBooleanProperty canSubmitProperty() {
        return canSubmit.getReadOnlyProperty();
    }

    /** Whether the PIN fields accept input. */
    public ReadOnlyBooleanProperty entryEnabledProperty() {
        return entryEnabled.getReadOnlyProperty();
    }
}
