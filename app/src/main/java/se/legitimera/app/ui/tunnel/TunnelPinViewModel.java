package se.legitimera.app.ui.tunnel;

import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.common.OutcomeTexts;
import se.legitimera.app.ui.pin.SecretBuffer;

/**
 * State of the small dialog that asks for the identification PIN when a tunnel needs the card: which tunnel
 * and service ask, whether the card refused the previous PIN, and the PIN typed so far (only in a wiped
 * {@code char[]}). Holds no Node; every method runs on the JavaFX thread.
 *
 * <p>Phases: IDLE -> ASKING (a question arrived) -> IDLE when the user answers with OK (the PIN goes to the
 * question's {@link Answer#given}) or cancels, or the window closes ({@link Answer#cancelled}). Every question
 * is answered exactly once.
 */
public final class TunnelPinViewModel {

    /** Where the dialog stands. */
    public enum Phase { IDLE, ASKING }

    /** Where the user's answer goes; called once, on the JavaFX thread. */
    public interface Answer {

        /** The PIN; the receiver owns the array and wipes it. */
        void given(char[] pin);

        /** Avbryt, the window closed, or a newer question replaced this one. */
        void cancelled();
    }

    private final ResourceBundle messages;
    private final OutcomeTexts outcomeTexts;
    private final SecretBuffer pin = new SecretBuffer();
    private Answer pending;

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyStringWrapper asker = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(Notice.NONE);
    private final ReadOnlyObjectWrapper<Notice> warning = new ReadOnlyObjectWrapper<>(Notice.NONE);
    private final ReadOnlyBooleanWrapper canConfirm = new ReadOnlyBooleanWrapper();

    public TunnelPinViewModel(ResourceBundle messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.outcomeTexts = new OutcomeTexts(messages);
    }

    /** A tunnel needs the PIN; a question still open is cancelled first. */
    public void ask(PinRequest request, Answer answer) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(answer, "answer");
        cancel();
        pending = answer;
        asker.set(Messages.format(messages, "tunnelPin.asker", request.tunnelName(), request.upstreamHost()));
        if (request.previousAttemptRefused()) {
            notice.set(Notice.error(request.triesLeft().isPresent()
                    ? outcomeTexts.describe(new Outcome.WrongCode(Outcome.Code.PIN, request.triesLeft().getAsInt()))
                    : messages.getString("tunnelPin.refused")));
        } else {
            notice.set(Notice.NONE);
        }
        warning.set(request.triesLeft().orElse(-1) == 1
                ? Notice.warning(messages.getString("login.lastTry")) : Notice.NONE);
        phase.set(Phase.ASKING);
        refresh();
    }

    /**
     * The user starts waiting for logins addressed to the card holder at {@code service}: the poll session is
     * signed with the identification key, so the same dialog asks for the PIN. A question still open is
     * cancelled first.
     */
    public void askForLoginWaiting(String service, Answer answer) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(answer, "answer");
        cancel();
        pending = answer;
        asker.set(Messages.format(messages, "waitingPin.asker", service));
        notice.set(Notice.NONE);
        warning.set(Notice.NONE);
        phase.set(Phase.ASKING);
        refresh();
    }

    /** The password field changed; takes ownership of {@code typed}. */
    public void pinTyped(char[] typed) {
        pin.replace(typed);
        refresh();
    }

    /** OK: hands the PIN to the question and wipes the dialog's copy. */
    public void confirm() {
        if (!canConfirm.get()) {
            return;
        }
        Answer answer = pending;
        char[] given = pin.copy();
        finish();
        answer.given(given);
    }

    /** Avbryt, or the window closed: the question is answered with no PIN. Does nothing when none is open. */
    public void cancel() {
        Answer answer = pending;
        finish();
        if (answer != null) {
            answer.cancelled();
        }
    }

    private void finish() {
        pending = null;
        pin.wipe();
        phase.set(Phase.IDLE);
        refresh();
    }

    private void refresh() {
        canConfirm.set(phase.get() == Phase.ASKING && !pin.isEmpty());
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** "Tunneln journal vill logga in på journal.example.se med ditt kort." */
    public ReadOnlyStringProperty askerProperty() {
        return asker.getReadOnlyProperty();
    }

    /** The card refused the previous PIN (with the tries left when the card told them). */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The last try before the PIN is blocked. */
    public ReadOnlyObjectProperty<Notice> warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canConfirmProperty() {
        return canConfirm.getReadOnlyProperty();
    }
}
