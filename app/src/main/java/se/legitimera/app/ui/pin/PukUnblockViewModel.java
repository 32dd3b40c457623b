package se.legitimera.app.ui.pin;

import java.util.ArrayList;
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
 * State of the "unblock with PUK" dialog: the PUK, a new PIN typed twice, PUK tries left, a warning before
 * the last PUK try, and the answer to give when the PUK itself is blocked. Holds no Node; every method runs
 * on the JavaFX thread, card work on {@code worker}.
 *
 * <p>Phases: LOADING -> ENTERING -> WORKING -> UNBLOCKED, or back to ENTERING on a wrong PUK, or
 * PUK_BLOCKED (only an ID administrator can help), or UNAVAILABLE when no card can be read.
 */
public final class PukUnblockViewModel {

    /** Where the dialog stands. */
    public enum Phase { LOADING, ENTERING, WORKING, UNBLOCKED, PUK_BLOCKED, UNAVAILABLE }

    private final ResourceBundle messages;
    private final OutcomeTexts outcomeTexts;
    private final PinStatusSource statusSource;
    private final PinUnblockAction action;
    private final Executor worker;
    private final Executor fxThread;

    private final SecretBuffer puk = new SecretBuffer();
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

    public PukUnblockViewModel(ResourceBundle messages, PinStatusSource statusSource, PinUnblockAction action,
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

    /** Starts afresh and reads the card; a blocked PIN is chosen first, since that is what the user came for. */
    public void open() {
        int current = ++generation;
        wipe();
        notice.set(Notice.NONE);
        phase.set(Phase.LOADING);
        worker.execute(() -> {
            try {
                List<PinStatus> read = statusSource.read();
                fxThread.execute(() -> loaded(current, read));
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

    public void pukTyped(char[] typed) {
        puk.replace(typed);
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

    /** Sends PUK and new PIN to the card when every rule is met; does nothing otherwise. */
    public void submit() {
        if (!canSubmit.get()) {
            return;
        }
        int current = generation;
        PinRole chosen = role.get();
        char[] pukCopy = puk.copy();
        char[] newCopy = newPin.copy();
        notice.set(Notice.info(messages.getString("pukUnblock.working")));
        phase.set(Phase.WORKING);
        worker.execute(() -> {
            Outcome outcome;
            try {
                outcome = action.unblock(chosen, pukCopy, newCopy);
            } catch (RuntimeException e) {
                outcome = new Outcome.Failed(e.getClass().getSimpleName());
            } finally {
                Arrays.fill(pukCopy, '\0');
                Arrays.fill(newCopy, '\0');
            }
            Outcome result = outcome;
            fxThread.execute(() -> answered(current, chosen, result));
        });
    }

    private void loaded(int current, List<PinStatus> read) {
        if (current != generation) {
            return;
        }
        statuses = List.copyOf(read);
        roles.setAll(statuses.stream().map(PinStatus::role).toList());
        if (roles.isEmpty()) {
            unavailable(current, new Outcome.NoCard());
            return;
        }
        PinRole chosen = statuses.stream().filter(PinStatus::pinBlocked).map(PinStatus::role).findFirst()
                .orElse(roles.getFirst());
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
        showPukTries(status.get().pukTriesLeft());
        if (status.get().pukBlocked()) {
            notice.set(Notice.error(messages.getString("pukUnblock.pukBlocked")));
            phase.set(Phase.PUK_BLOCKED);
        } else {
            notice.set(status.get().pinBlocked() ? Notice.NONE
                    : Notice.info(messages.getString("pukUnblock.pinNotBlocked")));
            phase.set(Phase.ENTERING);
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
                notice.set(Notice.success(Messages.format(messages, "pukUnblock.done",
                        messages.getString(chosen.messageKey()))));
                phase.set(Phase.UNBLOCKED);
            }
            case Outcome.WrongCode(Outcome.Code code, int left) -> {
                updatePukTries(chosen, left);
                showPukTries(OptionalInt.of(left));
                notice.set(Notice.error(outcomeTexts.describe(outcome)));
                phase.set(Phase.ENTERING);
            }
            case Outcome.CodeBlocked(Outcome.Code code) when code == Outcome.Code.PUK -> {
                wipe();
                updatePukTries(chosen, 0);
                showPukTries(OptionalInt.of(0));
                notice.set(Notice.error(messages.getString("pukUnblock.pukBlocked")));
                phase.set(Phase.PUK_BLOCKED);
            }
            default -> {
                notice.set(Notice.error(outcomeTexts.describe(outcome)));
                phase.set(Phase.ENTERING);
            }
        }
    }

    private void updatePukTries(PinRole chosen, int left) {
        statuses = statuses.stream()
                .map(s -> s.role() == chosen
                        ? new PinStatus(s.role(), s.triesLeft(), OptionalInt.of(left), s.pinFormat(), s.pukFormat())
                        : s)
                .toList();
    }

    private void showPukTries(OptionalInt left) {
        if (left.isEmpty()) {
            triesText.set(messages.getString("pukUnblock.triesUnknown"));
            warning.set(Notice.NONE);
            return;
        }
        triesText.set(Messages.format(messages, "pukUnblock.tries", left.getAsInt()));
        warning.set(left.getAsInt() == 1 ? Notice.warning(messages.getString("pukUnblock.lastTry")) : Notice.NONE);
    }

    private Optional<PinStatus> statusOf(PinRole chosen) {
        return statuses.stream().filter(s -> s.role() == chosen).findFirst();
    }

    private void refresh() {
        Optional<PinStatus> status = statusOf(role.get());
        PinFormat pukFormat = status.map(PinStatus::pukFormat).orElse(PinFormat.SITHS_PUK);
        PinFormat pinFormat = status.map(PinStatus::pinFormat).orElse(PinFormat.SITHS_PIN);
        boolean pukTyped = !puk.isEmpty();
        boolean pukWellFormed = pukFormat.hasLength(puk.value()) && pukFormat.hasOnlyAllowedCharacters(puk.value());
        List<RuleCheck> checks = new ArrayList<>();
        checks.add(new RuleCheck(Messages.format(messages, "pukUnblock.rule.puk", pukFormat.minLength()),
                !pukTyped ? RuleCheck.State.PENDING : pukWellFormed ? RuleCheck.State.MET : RuleCheck.State.BROKEN));
        checks.addAll(NewPinRules.check(messages, pinFormat, null, newPin.value(), confirmation.value()));
        rules.setAll(checks);
        boolean entering = phase.get() == Phase.ENTERING;
        entryEnabled.set(entering);
        canSubmit.set(entering && NewPinRules.allMet(checks));
    }

    private void wipe() {
        puk.wipe();
        newPin.wipe();
        confirmation.wipe();
        refresh();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ObservableList<PinRole> roles() {
        return rolesView;
    }

    /** The PIN to unblock; the view binds its chooser to it. */
    public ObjectProperty<PinRole> roleProperty() {
        return role;
    }

    /** PUK tries left, in words. */
    public ReadOnlyStringProperty triesTextProperty() {
        return triesText.getReadOnlyProperty();
    }

    /** A warning when one PUK try is left, else {@link Notice#NONE}. */
    public ReadOnlyObjectProperty<Notice> warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ObservableList<RuleCheck> rules() {
        return rulesView;
    }

    public ReadOnlyBooleanProperty canSubmitProperty() {
        return canSubmit.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty entryEnabledProperty() {
        return entryEnabled.getReadOnlyProperty();
    }
}
