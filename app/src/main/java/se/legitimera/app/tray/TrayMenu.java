package se.legitimera.app.tray;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.tunnel.TunnelState;
import se.legitimera.app.ui.tunnel.TunnelTexts;

/** Builds the tray menu from the situation: what can be done now is enabled, the rest greyed out. */
public final class TrayMenu {

    private TrayMenu() {
    }

    public static List<TrayMenuEntry> build(TraySituation situation, ResourceBundle messages, TrayActions actions) {
        return build(situation, List.of(), name -> { }, messages, actions);
    }

    /**
     * The menu with one item per tunnel of the settings under a greyed-out heading; clicking a tunnel runs
     * {@code toggleTunnel} with its name (on the UI thread).
     */
    public static List<TrayMenuEntry> build(TraySituation situation, List<TunnelState> tunnels,
                                            Consumer<String> toggleTunnel, ResourceBundle messages,
                                            TrayActions actions) {
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
        actions.settings().ifPresent(settings ->
                menu.add(new TrayMenuEntry.Action(messages.getString("tray.settings"), true, settings)));
        menu.add(new TrayMenuEntry.Action(messages.getString("tray.about"), true, actions.about()));
        menu.add(new TrayMenuEntry.Separator());
        menu.add(new TrayMenuEntry.Action(messages.getString("tray.quit"), true, actions.quit()));
        return List.copyOf(menu);
    }
}
