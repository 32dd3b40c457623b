package se.legitimera.app.tray;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/** Builds the tray menu from the situation: what can be done now is enabled, the rest greyed out. */
public final class TrayMenu {

    private TrayMenu() {
    }

    public static List<TrayMenuEntry> build(TraySituation situation, ResourceBundle messages, TrayActions actions) {
        List<TrayMenuEntry> menu = new ArrayList<>();
        menu.add(new TrayMenuEntry.Action(messages.getString("tray.open"), true, actions.open()));
        menu.add(new TrayMenuEntry.Separator());
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
