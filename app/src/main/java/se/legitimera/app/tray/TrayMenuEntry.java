package se.legitimera.app.tray;

/** One line of the tray menu, built from the app's state by {@link TrayMenu} and handed to the tray. */
public sealed interface TrayMenuEntry {

    /** A menu item; the action runs on the UI thread. A disabled item is shown greyed out. */
    record Action(String label, boolean enabled, Runnable action) implements TrayMenuEntry {
    }

    /** A separating line. */
    record Separator() implements TrayMenuEntry {
    }
}
