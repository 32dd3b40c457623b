package se.legitimera.app.tray;

import java.util.List;

/**
 * The app's presence in the system tray. Methods may be called from any thread; implementations run menu
 * actions on the UI thread they were given.
 */
public interface Tray {

    /** Shows or replaces the icon's picture, tooltip and menu. */
    void show(TrayIconImage.Tone tone, boolean badge, String tooltip, List<TrayMenuEntry> menu);

    /** Shows a desktop notification next to the icon. */
    void notify(TrayNotice notice);

    /** Takes the icon out of the tray. */
    void remove();
}
