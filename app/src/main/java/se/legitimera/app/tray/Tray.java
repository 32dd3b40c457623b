package se.legitimera.app.tray;

import java.util.List;

/**
 * The app's presence in the system tray. Implementations run menu actions on the JavaFX thread.
 */
public interface Tray {

    /** Shows or replaces the icon's tooltip and menu. */
    void show(String tooltip, List<TrayMenuEntry> menu);

    /** Takes the icon out of the tray. */
    void remove();
}
