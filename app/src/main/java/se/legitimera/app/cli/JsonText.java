package se.legitimera.app.cli;

import java.util.List;
import java.util.Map;

/** Writes the JSON of the card commands: maps, lists, strings, numbers, booleans, null. */
final class JsonText {

    private JsonText() {
    }

    /** Indented, two spaces a level, for people reading the output. */
    static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.toString();
    }

    /** On one line without spaces, for scripts that read the output line by line. */
    static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, null);
        return out.toString();
    }

    /** {@code indent} is null for compact output. */
    private static void write(StringBuilder out, Object value, String indent) {
        String inner = indent == null ? null : indent + "  ";
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    newLine(out, inner);
                    string(out, String.valueOf(e.getKey()));
                    out.append(inner == null ? ":" : ": ");
                    write(out, e.getValue(), inner);
                    if (++i < map.size()) {
                        out.append(',');
                    }
                }
                newLine(out, indent);
                out.append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    newLine(out, inner);
                    write(out, list.get(i), inner);
                    if (i + 1 < list.size()) {
                        out.append(',');
                    }
                }
                newLine(out, indent);
                out.append(']');
            }
            default -> string(out, value.toString());
        }
    }

    private static void newLine(StringBuilder out, String indent) {
        if (indent != null) {
            out.append('\n').append(indent);
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
