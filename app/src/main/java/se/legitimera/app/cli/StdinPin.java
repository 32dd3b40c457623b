package se.legitimera.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.PinRequest;

/**
 * {@code --stdin}: the PIN read once from standard input (one line) and offered for the life of the
 * tunnel, so that the card can be logged in to again after it was removed. Once the card refuses it, it
 * is wiped and never offered again: every wrong PIN costs a try.
 */
final class StdinPin implements PinPrompt, AutoCloseable {

    private static final int MAX_LENGTH = 64;

    private char[] pin;

    private StdinPin(char[] pin) {
        this.pin = pin;
    }

    /**
     * Reads one line of ASCII from {@code in}, without ever making a String of it.
     *
     * @throws IOException when the input is empty, too long or not ASCII
     */
    static StdinPin readFrom(InputStream in) throws IOException {
        char[] buffer = new char[MAX_LENGTH];
        int length = 0;
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b == '\r') {
                    continue;
                }
                if (b > 0x7e || b < 0x20) {
                    throw new IOException("The PIN on standard input must be ASCII digits");
                }
                if (length == MAX_LENGTH) {
                    throw new IOException("The line on standard input is too long for a PIN");
                }
                buffer[length++] = (char) b;
            }
            if (length == 0) {
                throw new IOException("No PIN on standard input");
            }
            return new StdinPin(Arrays.copyOf(buffer, length));
        } finally {
            Arrays.fill(buffer, '\0');
        }
    }

    @Override
    public synchronized char[] askForPin(PinRequest request) throws PinCancelledException {
        if (request.previousAttemptRefused()) {
            wipe();
        }
        if (pin == null) {
            throw new PinCancelledException("The PIN from standard input was refused; it is not tried again");
        }
        return pin.clone();
    }

    private void wipe() {
        if (pin != null) {
            Arrays.fill(pin, '\0');
            pin = null;
        }
    }

    @Override
    public synchronized void close() {
        wipe();
    }
}
