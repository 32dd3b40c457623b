package se.legitimera.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a PIN without echo from the console, or as the first line of stdin; never through a String. */
final class PinInput {

    private PinInput() {
    }

    /** @return the PIN, or null when there is no console */
    static char[] fromConsole(String prompt) {
        Console console = System.console();
        return console == null ? null : console.readPassword("%s", prompt);
    }

    /** The first line of {@code in} (without CR/LF), decoded as UTF-8; the byte buffer is wiped. */
    static char[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        line.reset();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length));
            char[] pin = new char[chars.remaining()];
            chars.get(pin);
            Arrays.fill(chars.array(), '\0');
            return pin;
        } catch (CharacterCodingException e) {
            throw new IOException("PIN on stdin is not UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
