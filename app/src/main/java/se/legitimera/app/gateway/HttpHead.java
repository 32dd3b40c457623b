package se.legitimera.app.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start line and header fields of an HTTP/1.1 message, read and written byte for byte with the
 * header order kept. Bodies are never part of it: they are streamed by {@link HttpBody}.
 */
final class HttpHead {

    /** Thrown for a head the gateway will not forward; the browser gets 400. */
    static final class MalformedHeadException extends IOException {
        MalformedHeadException(String message) {
            super(message);
        }
    }

    record Field(String name, String value) {
    }

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_FIELDS = 200;

    private String startLine;
    private final List<Field> fields = new ArrayList<>();

    private HttpHead(String startLine) {
        this.startLine = startLine;
    }

    /**
     * Reads a head, or returns null when the stream ends cleanly before its first byte (the peer closed
     * an idle keep-alive connection).
     */
    static HttpHead read(InputStream in) throws IOException {
        String start = readLine(in, true);
        while (start != null && start.isEmpty()) {
            start = readLine(in, true); // a stray CRLF between messages is allowed (RFC 9112, 2.2)
        }
        if (start == null) {
            return null;
        }
        HttpHead head = new HttpHead(start);
        while (true) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                return head;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new MalformedHeadException("Obsolete line folding");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).contains(" ")) {
                throw new MalformedHeadException("Malformed header field");
            }
            if (head.fields.size() >= MAX_FIELDS) {
                throw new MalformedHeadException("Too many header fields");
            }
            head.fields.add(new Field(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
    }

    private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new MalformedHeadException("Connection closed inside a message head");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedHeadException("Line too long");
            }
            line.write(b);
        }
    }

    String startLine() {
        return startLine;
    }

    void startLine(String line) {
        this.startLine = line;
    }

    List<Field> fields() {
        return fields;
    }

    /** The first value of a field, or null. */
    String value(String name) {
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value();
            }
        }
        return null;
    }

    /** All values of a field, comma lists split, lower-cased. */
    List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                for (String token : field.value().split(",")) {
                    if (!token.isBlank()) {
                        tokens.add(token.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return tokens;
    }

    int count(String name) {
        int n = 0;
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    void remove(String name) {
        fields.removeIf(field -> field.name().equalsIgnoreCase(name));
    }

    void set(String name, String value) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                fields.set(i, new Field(fields.get(i).name(), value));
                fields.removeIf(f -> f.name().equalsIgnoreCase(name) && !f.value().equals(value));
                return;
            }
        }
        fields.add(new Field(name, value));
    }

    void add(String name, String value) {
        fields.add(new Field(name, value));
    }

    void write(OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder(512).append(startLine).append("\r\n");
        for (Field field : fields) {
            text.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        text.append("\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
