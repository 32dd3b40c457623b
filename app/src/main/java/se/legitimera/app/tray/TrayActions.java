package se.legitimera.app.tray;

import java.util.Objects;
import java.util.Optional;

/**
 * What the tray menu's items do; each runs on the UI thread.
 *
 * @param settings empty until a settings window exists; the menu then leaves the item out
 */
public record TrayActions(Runnable open, Runnable changePin, Runnable unblockPin, Optional<Runnable> settings,
                          Runnable about, Runnable quit) {

    public TrayActions {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(changePin, "changePin");
        Objects.requireNonNull(unblockPin, "unblockPin");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(quit, "quit");
    }
}
