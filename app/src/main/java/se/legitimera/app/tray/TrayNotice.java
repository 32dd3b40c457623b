package se.legitimera.app.tray;

import java.util.Objects;

/**
 * A desktop notification from the tray icon.
 *
 * @param caption the first, bold line
 * @param text    one or two sentences
 * @param kind    how the desktop should mark it
 */
public record TrayNotice(String caption, String text, Kind kind) {

    /** How important a notification is. */
    public enum Kind { INFO, WARNING }

    public TrayNotice {
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }
}
