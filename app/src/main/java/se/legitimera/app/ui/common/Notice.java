package se.legitimera.app.ui.common;

import java.util.Objects;

/**
 * A line of feedback in a window, and how it should look.
 *
 * @param kind how serious it is; the view picks the style and icon
 * @param text the words, empty for {@link Kind#NONE}
 */
public record Notice(Kind kind, String text) {

    /** How serious a notice is. */
    public enum Kind { NONE, INFO, SUCCESS, WARNING, ERROR }

    public static final Notice NONE = new Notice(Kind.NONE, "");

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public static Notice info(String text) {
        return new Notice(Kind.INFO, text);
    }

    public static Notice success(String text) {
        return new Notice(Kind.SUCCESS, text);
    }

    public static Notice warning(String text) {
        return new Notice(Kind.WARNING, text);
    }

    public static Notice error(String text) {
        return new Notice(Kind.ERROR, text);
    }
}
