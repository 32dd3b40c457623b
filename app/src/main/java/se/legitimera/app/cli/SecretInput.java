package se.legitimera.app.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Where the CLI reads PINs and PUKs from: the console without echo, or standard input one per line.
 * Secrets come back as char[] that the caller wipes; they never pass through a String.
 */
interface SecretInput {

    /**
     * Reads one secret.
     *
     * @param prompt what to ask for (shown on the console or standard error)
     * @return the secret, without line end
     * @throws InputEndedException when input ends before a line does
     */
    char[] read(String prompt) throws IOException, InputEndedException;

    /** The input ended (EOF, Ctrl-D) where a secret was expected. */
    final class InputEndedException extends Exception {
        InputEndedException() {
            super("input ended");
        }
    }

    static SecretInput console(Console console) {
        return prompt -> {
            char[] secret = console.readPassword("%s: ", prompt);
            if (secret == null) {
                throw new InputEndedException();
            }
            return secret;
        };
    }

    /** One secret per line of {@code in}; prompts go to {@code prompts} so that a pipe stays clean. */
    static SecretInput lines(InputStream in, Charset charset, PrintWriter prompts) {
        Reader reader = new InputStreamReader(in, charset);
        return prompt -> {
            prompts.println(prompt + ":");
            prompts.flush();
            char[] buffer = new char[32];
            int length = 0;
            for (int c = reader.read(); c != '\n'; c = reader.read()) {
                if (c < 0) {
                    Arrays.fill(buffer, '\0');
                    throw new InputEndedException();
                }
                if (length == buffer.length) {
                    char[] larger = Arrays.copyOf(buffer, buffer.length * 2);
                    Arrays.fill(buffer, '\0');
                    buffer = larger;
                }
                buffer[length++] = (char) c;
            }
            if (length > 0 && buffer[length - 1] == '\r') {
                length--;
            }
            char[] secret = Arrays.copyOf(buffer, length);
            Arrays.fill(buffer, '\0');
            return secret;
        };
    }
}
