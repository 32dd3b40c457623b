package se.legitimera.app.ui.pin;

import java.util.Arrays;

/**
 * One secret typed so far, owned by a view model; replaced and wiped on every keystroke. Not thread-safe: the
 * view model uses it on the JavaFX thread.
 */
public final class SecretBuffer {

    private char[] value = new char[0];

    /** Takes ownership of {@code next}; the previous value is wiped. */
    public void replace(char[] next) {
        Arrays.fill(value, '\0');
        value = next;
    }

    public char[] value() {
        return value;
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** A copy for an operation; the caller wipes it. */
    public char[] copy() {
        return value.clone();
    }

    public void wipe() {
        replace(new char[0]);
    }
}
