package se.legitimera.app.ui.pin;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
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
 * What the PIN change and PUK unblock dialogs share: the card's PINs read on the worker, the chosen PIN, a code
 * the card checks (the current PIN or the PUK) and a new PIN typed twice, tries left in words, and one card
 * request at a time whose answer is dropped once the dialog was reopened or closed. The dialog's phases stay
 * with its view model. Every method runs on the JavaFX thread.
 */
final class NewPinForm {

    /** One request to the card with copies of the secrets, which the form wipes afterwards. */
    @FunctionalInterface
    interface CardRequest {
        Outcome send(PinRole role, char[] code, char[] newPin);
    }

    private final ResourceBundle messages;
    private final OutcomeTexts outcomeTexts;
    private final PinStatusSource statusSource;
    private final Executor worker;
    private final Executor fxThread;
    private final String triesKey;
    private final String triesUnknownKey;
    private final String lastTryKey;

    private final SecretBuffer code = new SecretBuffer();
    private final SecretBuffer newPin = new SecretBuffer();
    private final SecretBuffer confirmation = new SecretBuffer();

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

    /**
     * @param triesKey        message for tries left, with the number
     * @param triesUnknownKey message when the card does not tell
     * @param lastTryKey      warning when one try is left
     */
    NewPinForm(ResourceBundle messages, PinStatusSource statusSource, Executor worker, Executor fxThread,
               String triesKey, String triesUnknownKey, String lastTryKey) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.outcomeTexts = new OutcomeTexts(messages);
        this.statusSource = Objects.requireNonNull(statusSource, "statusSource");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.triesKey = Objects.requireNonNull(triesKey, "triesKey");
        this.triesUnknownKey = Objects.requireNonNull(triesUnknownKey, "triesUnknownKey");
        this.lastTryKey = Objects.requireNonNull(lastTryKey, "lastTryKey");
    }

    /** Starts afresh: secrets wiped, nothing shown, answers to earlier requests dropped. */
    void restart() {
        generation++;
        wipe();
        notice.set(Notice.NONE);
    }

    /**
     * Reads the card's PINs on the worker; {@code loaded} gets them (never empty), {@code unavailable} why there
     * are none.
     */
    void read(Consumer<List<PinStatus>> loaded, Consumer<Outcome> unavailable) {
        int current = generation;
        worker.execute(() -> {
            try {
                List<PinStatus> read = statusSource.read();
                fxThread.execute(() -> {
                    if (current == generation) {
                        statuses = List.copyOf(read);
                        roles.setAll(statuses.stream().map(PinStatus::role).toList());
                        if (roles.isEmpty()) {
                            unavailable.accept(new Outcome.NoCard());
                        } else {
                            loaded.accept(statuses);
                        }
                    }
                });
            } catch (PinStatusUnavailableException e) {
                fxThread.execute(() -> {
                    if (current == generation) {
                        unavailable.accept(e.reason());
                    }
                });
            }
        });
    }

    /** The card cannot be read: no PINs to choose from, and {@code reason} shown. */
    void unavailable(Outcome reason) {
        statuses = List.of();
        roles.clear();
        notice.set(Notice.error(outcomeTexts.describe(reason)));
    }

    /** Secrets are wiped and a late card answer is ignored. */
    void close() {
        generation++;
        wipe();
    }

    /**
     * Sends copies of the code and new PIN for the chosen PIN on the worker, then hands the card's answer (a
     * runtime failure as {@link Outcome.Failed}) to {@code answered} unless the dialog was reopened or closed.
     */
    void send(CardRequest request, Consumer<Outcome> answered) {
        int current = generation;
        PinRole chosen = role.get();
        char[] codeCopy = code.copy();
        char[] newCopy = newPin.copy();
        worker.execute(() -> {
            Outcome outcome;
            try {
                outcome = request.send(chosen, codeCopy, newCopy);
            } catch (RuntimeException e) {
                outcome = new Outcome.Failed(e.getClass().getSimpleName());
            } finally {
                Arrays.fill(codeCopy, '\0');
                Arrays.fill(newCopy, '\0');
            }
            Outcome result = outcome;
            fxThread.execute(() -> {
                if (current == generation) {
                    answered.accept(result);
                }
            });
        });
    }

    SecretBuffer code() {
        return code;
    }

    SecretBuffer newPin() {
        return newPin;
    }

    SecretBuffer confirmation() {
        return confirmation;
    }

    void wipe() {
        code.wipe();
        newPin.wipe();
        confirmation.wipe();
    }

    Optional<PinStatus> statusOf(PinRole chosen) {
        return statuses.stream().filter(s -> s.role() == chosen).findFirst();
    }

    /** Remembers what the card said about the chosen PIN's counters. */
    void updateStatus(PinRole chosen, UnaryOperator<PinStatus> update) {
        statuses = statuses.stream().map(s -> s.role() == chosen ? update.apply(s) : s).toList();
    }

    /** Tries left in words, with a warning when one is left. */
    void showTries(OptionalInt left) {
        if (left.isEmpty()) {
            triesText.set(messages.getString(triesUnknownKey));
            warning.set(Notice.NONE);
            return;
        }
        triesText.set(Messages.format(messages, triesKey, left.getAsInt()));
        warning.set(left.getAsInt() == 1 ? Notice.warning(messages.getString(lastTryKey)) : Notice.NONE);
    }

    void show(Notice shown) {
        notice.set(shown);
    }

    void showOutcome(Outcome outcome) {
        notice.set(Notice.error(outcomeTexts.describe(outcome)));
    }

    /** Shows the rules as judged now; the form can be sent when entering and {@code ready} and all are met. */
    void judged(List<RuleCheck> checks, boolean entering, boolean ready) {
        rules.setAll(checks);
        entryEnabled.set(entering);
        canSubmit.set(entering && ready && NewPinRules.allMet(checks));
    }

    boolean canSubmit() {
        return canSubmit.get();
    }

    ObservableList<PinRole> roles() {
        return rolesView;
    }

    ObjectProperty<PinRole> roleProperty() {
        return role;
    }

    ReadOnlyStringProperty triesTextProperty() {
        return triesText.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Notice> warningProperty() {
        return warning.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    ObservableList<RuleCheck> rules() {
        return rulesView;
    }

    ReadOnlyBooleanProperty canSubmitProperty() {
        return canSubmit.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty entryEnabledProperty() {
        return entryEnabled.getReadOnlyProperty();
    }
}
