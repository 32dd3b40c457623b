package se.legitimera.app.ui.common;

import javafx.scene.control.PasswordField;

/**
 * Takes a PIN or PUK out of a password field as {@code char[]}.
 *
 * <p>JavaFX keeps a field's text in a {@code String} we cannot wipe; the best we can do is to copy it out
 * at once and clear the field, so the {@code String} becomes garbage as early as possible (see
 * docs/architecture.md, "Secrets").
 */
public final class SecretFields {

    private SecretFields() {
    }

    /** A copy of the field's characters; the field is left as it is (for live rule checks while typing). */
    public static char[] copy(PasswordField field) {
        CharSequence text = field.getCharacters();
        char[] copy = new char[text.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = text.charAt(i);
        }
        return copy;
    }

    /** The field's characters, and the field cleared. The caller wipes the array after use. */
    public static char[] take(PasswordField field) {
        char[] secret = copy(field);
        field.clear();
        return secret;
    }
}
