package se.legitimera.app.ui.common;

/** A controller that wants to know when its window is shown or hidden (called on the JavaFX thread). */
public interface WindowLifecycle {

    /** The window became visible, or was brought to the front again. */
    default void windowShown() {
    }

    /** The window was hidden: by its own buttons, the window manager's close button, or the app. */
    default void windowHidden() {
    }
}
