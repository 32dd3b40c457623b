package se.legitimera.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Where {@code legitimera auth} reads the PIN: the terminal without echo, or one line of standard input. */
@FunctionalInterface
interface PinReader {

    /** The PIN, or an empty array when the user gave none (cancel). Never a String. */
    char[] read(String prompt) throws IOException;

    /** Whether the user can be asked again after a wrong PIN. */
    default boolean interactive() {
        return false;
    }

    static PinReader terminal(Console console) {
        return new PinReader() {
            @Override
            public char[] read(String prompt) {
                char[] pin = console.readPassword("%s", prompt);
                return pin == null ? new char[0] : pin;
            }

            @Override
            public boolean interactive() {
                return true;
            }
        };
    }

    /** Reads one line (ASCII digits) of {@code in}; the bytes are wiped after conversion. */
    static PinReader firstLineOf(InputStream in) {
        return prompt -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream(16);
            int b;
            while ((b = in.read()) != -1 && b != '\n' && line.size() < 64) {
                if (b != '\r') {
                    line.write(b);
                }
            }
            byte[] bytes = line.toByteArray();
            char[] pin = new char[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pin[i] = (char) (bytes[i] & 0x7f);
            }
            Arrays.fill(bytes, (byte) 0);
            line.reset();
            line.write(new byte[bytes.length]); // overwrite the stream's internal buffer
            return pin;
        };
    }
}
