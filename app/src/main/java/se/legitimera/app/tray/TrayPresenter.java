package se.legitimera.app.tray;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Consumer;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.OutcomeTexts;
import se.legitimera.app.ui.login.LoginWaitingState;
import se.legitimera.app.ui.tunnel.TunnelState;

/**
 * Keeps the tray icon, tooltip and menu in step with the app's situation, and raises the notifications:
 * card inserted or removed, a login waiting, a certificate expiring within 30 days. Thread-safe: the PC/SC,
 * card and login threads all report here.
 */
public final class TrayPresenter {

    /** Certificates this close to expiry raise a notification (once per certificate and run). */
    public static final int EXPIRY_NOTICE_DAYS = 30;

    private final Tray tray;
    private final ResourceBundle messages;
    private final TrayActions actions;
    private final Clock clock;
    private final Set<String> expiryNoticesGiven = new HashSet<>();
    private TraySituation situation = TraySituation.STARTING;
    private TraySituation shown;
    private List<TunnelState> tunnels = List.of();
    private List<TunnelState> shownTunnels = List.of();
    private Consumer<String> toggleTunnel = name -> { };
    private TrayMenu.WaitingItem waiting = TrayMenu.WaitingItem.NONE;
    private TrayMenu.WaitingItem shownWaiting = TrayMenu.WaitingItem.NONE;

    public TrayPresenter(Tray tray, ResourceBundle messages, TrayActions actions, Clock clock) {
        this.tray = Objects.requireNonNull(tray, "tray");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.clock = Objects.requireNonNull(clock, "clock");
        render();
    }

    /** The PC/SC service answered (or not) with this many readers. */
    public synchronized void serviceChanged(boolean available, int readers) {
        situation = situation.withService(available, readers);
        render();
    }

    /** The active card changed: inserted, removed, its PIN blocked or unblocked, or unreadable. */
    public synchronized void cardChanged(boolean present, String cardType, String readerName, boolean pinBlocked,
                                         boolean unreadable) {
        boolean wasPresent = situation.cardPresent();
        situation = situation.withCard(present, cardType, pinBlocked, unreadable);
        if (present && !wasPresent) {
            tray.notify(new TrayNotice(messages.getString("tray.notice.cardInserted"),
                    Messages.format(messages, "tray.notice.cardInserted.text", cardType, readerName),
                    TrayNotice.Kind.INFO));
        } else if (!present && wasPresent) {
            tray.notify(new TrayNotice(messages.getString("tray.notice.cardRemoved"),
                    messages.getString("tray.notice.cardRemoved.text"), TrayNotice.Kind.INFO));
        }
        render();
    }

    /** A login started waiting for the user's PIN (notified), or stopped waiting. */
    public synchronized void loginWaiting(boolean waiting, String rpName) {
        boolean was = situation.loginWaiting();
        situation = situation.withLoginWaiting(waiting);
        if (waiting && !was) {
            tray.notify(new TrayNotice(messages.getString("tray.notice.loginWaiting"),
                    Messages.format(messages, "tray.notice.loginWaiting.text", rpName), TrayNotice.Kind.INFO));
        }
        render();
    }

    /**
     * A certificate of the inserted card; notifies once per run when it expires within
     * {@value #EXPIRY_NOTICE_DAYS} days.
     *
     * @param key       identifies the certificate (issuer and serial number), never shown
     * @param usageName "Legitimering" or "Underskrift"
     */
    public synchronized void certificateSeen(String key, String usageName, LocalDate validTo) {
        long days = ChronoUnit.DAYS.between(LocalDate.now(clock), validTo);
        if (days > EXPIRY_NOTICE_DAYS || !expiryNoticesGiven.add(key)) {
            return;
        }
        String text = days < 0
                ? Messages.format(messages, "tray.notice.certificateExpired.text", usageName, validTo.toString())
                : Messages.format(messages, "tray.notice.certificateExpiring.text", usageName, days);
        tray.notify(new TrayNotice(messages.getString("tray.notice.certificateExpiring"), text,
                TrayNotice.Kind.WARNING));
    }

    /**
     * The tunnels of the settings changed state: the menu shows each with its state, and clicking one runs
     * {@code toggle} with its name on the UI thread.
     */
    public synchronized void tunnelsChanged(List<TunnelState> states, Consumer<String> toggle) {
        tunnels = List.copyOf(states);
        toggleTunnel = Objects.requireNonNull(toggle, "toggle");
        render();
    }

    /**
     * Waiting for logins addressed to the card holder changed: the tooltip says whether the app waits, the
     * menu offers to start ({@code start}, on the UI thread) or stop it, and a problem (wrong PIN, refusal, a
     * session the service ended) or the start of waiting is notified once.
     */
    public synchronized void waitingChanged(LoginWaitingState state, Runnable start, Runnable stop) {
        LoginWaitingState was = waiting.state();
        waiting = new TrayMenu.WaitingItem(state, start, stop);
        situation = situation.withWaitingForLogins(state.phase() == LoginWaitingState.Phase.WAITING);
        boolean reconnected = was.phase() == LoginWaitingState.Phase.WAITING
                || was.phase() == LoginWaitingState.Phase.RECONNECTING;
        if (state.phase() == LoginWaitingState.Phase.WAITING && !reconnected) {
            tray.notify(new TrayNotice(messages.getString("tray.notice.waiting"),
                    Messages.format(messages, "tray.notice.waiting.text", state.service()), TrayNotice.Kind.INFO));
        } else if (state.problem().isPresent() && !state.problem().equals(was.problem())
                && state.phase() != LoginWaitingState.Phase.RECONNECTING) {
            tray.notify(new TrayNotice(messages.getString("tray.notice.notWaiting"),
                    new OutcomeTexts(messages).describe(state.problem().get()), TrayNotice.Kind.WARNING));
        }
        render();
    }

    /** What the tray shows now. */
    public synchronized TraySituation situation() {
        return situation;
    }

    private void render() {
        if (situation.equals(shown) && tunnels.equals(shownTunnels) && waiting.equals(shownWaiting)) {
            return;
        }
        shown = situation;
        shownTunnels = tunnels;
        shownWaiting = waiting;
        TrayState state = situation.state();
        String stateText = messages.getString(state.tooltipKey());
        if (!situation.cardType().isEmpty()
                && (state == TrayState.CARD_READY || state == TrayState.WAITING_FOR_LOGINS)) {
            stateText = stateText + " (" + situation.cardType() + ")";
        }
        tray.show(state.tone(), state.badge(), Messages.format(messages, "tray.tooltip", stateText),
                TrayMenu.build(situation, tunnels, toggleTunnel, waiting, messages, actions));
    }
}
