package se.legitimera.app.wiring;

import java.util.Arrays;

/**
 * One identification PIN on its way to the card: report what the card said, then close it to wipe the PIN.
 * Either kept by the app's PIN cache or typed just now. Used by one thread.
 */
public interface PinLease extends AutoCloseable {

    /** The PIN; valid until {@link #close}. Hand the card a copy when it wipes its own. */
    char[] pin();

    /** True when the PIN is a kept one, so the user typed nothing this time. */
    boolean saved();

    /** The card accepted the PIN. */
    void accepted();

    /** The card refused the PIN. */
    void refused();

    /** Wipes the PIN. */
    @Override
    void close();

    /** A PIN just typed that nobody keeps; takes ownership of {@code pin} and wipes it on close. */
    static PinLease typed(char[] pin) {
        return new PinLease() {
            @Override
            public char[] pin() {
                return pin;
            }

            @Override
            public boolean saved() {
                return false;
            }

            @Override
            public void accepted() {
                // nothing keeps it
            }

            @Override
            public void refused() {
                // nothing kept it
            }

            @Override
            public void close() {
                Arrays.fill(pin, '\0');
            }
        };
    }
}
