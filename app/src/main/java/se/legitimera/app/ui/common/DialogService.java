package se.legitimera.app.ui.common;

/**
 * Short modal messages over the app's windows. Called on the JavaFX thread; every method waits until the
 * user has answered.
 */
public interface DialogService {

    /** Tells the user something went wrong and what to do. */
    void showError(String title, String message);

    /** Tells the user something they should know. */
    void showInfo(String title, String message);

    /** Asks a yes/no question; {@code true} when the user confirmed. */
    boolean confirm(String title, String message);
}
