package se.legitimera.app.tray;

/** One line of the tray menu, built from the app's state and handed to the tray implementation. */
public sealed interface TrayMenuEntry {

    /** A menu item; the action runs on the JavaFX thread. */
    record Action(String label, Runnable action) implements TrayMenuEntry {
    }

    /** A separating line. */
    record Separator() implements TrayMenuEntry {
    }
}
