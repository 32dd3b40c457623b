package se.legitimera.app.ui.pin;

import java.util.Arrays;

/** One secret typed so far, owned by a view model; replaced and wiped on every keystroke. */
final class SecretBuffer {

    private char[] value = new char[0];

    /** Takes ownership of {@code next}; the previous value is wiped. */
    void replace(char[] next) {
        Arrays.fill(value, '\0');
        value = next;
    }

    char[] value() {
        return value;
    }

    boolean isEmpty() {
        return value.length == 0;
    }

    /** A copy for an operation; the caller wipes it. */
    char[] copy() {
        return value.clone();
    }

    void wipe() {
        replace(new char[0]);
    }
}
