package se.legitimera.app.tray;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.login.LoginWaitingState;
import se.legitimera.app.ui.tunnel.TunnelState;
import se.legitimera.app.ui.tunnel.TunnelTexts;

/** Builds the tray menu from the situation: what can be done now is enabled, the rest greyed out. */
public final class TrayMenu {

    private TrayMenu() {
    }

    public static List<TrayMenuEntry> build(TraySituation situation, ResourceBundle messages, TrayActions actions) {
        return build(situation, List.of(), name -> { }, WaitingItem.NONE, messages, actions);
    }

    /**
     * The item for waiting for logins addressed to the card holder: none while the setting is off; "Vänta på
     * inloggningar" (runs {@code start}, which asks the PIN) when a session can be started, greyed out
     * without a card; "Sluta vänta på inloggningar" (runs {@code stop}) while a session is open.
     */
    public record WaitingItem(LoginWaitingState state, Runnable start, Runnable stop) {
        public static final WaitingItem NONE = new WaitingItem(LoginWaitingState.OFF, () -> { }, () -> { });
    }

    /**
     * The menu with one item per tunnel of the settings under a greyed-out heading; clicking a tunnel runs
     * {@code toggleTunnel} with its name (on the UI thread).
     */
    public static List<TrayMenuEntry> build(TraySituation situation, List<TunnelState> tunnels,
                                            Consumer<String> toggleTunnel, WaitingItem waiting,
                                            ResourceBundle messages, TrayActions actions) {
        List<TrayMenuEntry> menu = new ArrayList<>();
        menu.add(new TrayMenuEntry.Action(messages.getString("tray.open"), true, actions.open()));
        menu.add(new TrayMenuEntry.Separator());
        if (!tunnels.isEmpty()) {
            TunnelTexts texts = new TunnelTexts(messages);
            menu.add(new TrayMenuEntry.Action(messages.getString("tray.tunnels"), false, () -> { }));
            for (TunnelState tunnel : tunnels) {
                menu.add(new TrayMenuEntry.Action(Messages.format(messages, "tray.tunnel", tunnel.name(),
                        texts.state(tunnel), texts.toggle(tunnel)), true, () -> toggleTunnel.accept(tunnel.name())));
            }
            menu.add(new TrayMenuEntry.Separator());
        }
        boolean card = situation.state() != TrayState.NO_SERVICE && situation.cardPresent() && !situation.cardError();
        menu.add(new TrayMenuEntry.Action(messages.getString("tray.changePin"), card && !situation.pinBlocked(),
                actions.changePin()));
        menu.add(new TrayMenuEntry.Action(messages.getString("tray.unblockPin"), card, actions.unblockPin()));
        menu.add(new TrayMenuEntry.Separator());
        LoginWaitingState wait = waiting.state();
        if (wait.active()) {
            menu.add(new TrayMenuEntry.Action(messages.getString("tray.stopWaiting"), true, waiting.stop()));
            menu.add(new TrayMenuEntry.Separator());
        } else if (wait.phase() != LoginWaitingState.Phase.OFF) {
            menu.add(new TrayMenuEntry.Action(messages.getString("tray.startWaiting"), wait.canStart() && card
                    && !situation.pinBlocked(), waiting.start()));
            menu.add(new TrayMenuEntry.Separator());
        }
        actions.settings().ifPresent(settings ->
                menu.add(new TrayMenuEntry.Action(messages.getString("tray.settings"), true, settings)));
        menu.add(new TrayMenuEntry.Action(messages.getString("tray.about"), true, actions.about()));
        menu.add(new TrayMenuEntry.Separator());
        menu.add(new TrayMenuEntry.Action(messages.getString("tray.quit"), true, actions.quit()));
        return List.copyOf(menu);
    }
}
