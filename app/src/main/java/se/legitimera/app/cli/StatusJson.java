package se.legitimera.app.cli;

import java.util.Map;
import java.util.Optional;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.TriesLeft;

/**
 * Writes a monitor snapshot as JSON for {@code legitimera status --json}. Field names are a contract
 * with scripts and support tools: add fields, never rename.
 */
final class StatusJson {

    private final StringBuilder out = new StringBuilder();

    static String of(MonitorSnapshot snapshot) {
        return new StatusJson().snapshot(snapshot).out.toString();
    }

    private StatusJson snapshot(MonitorSnapshot snapshot) {
        out.append("{\"service\":{\"available\":").append(snapshot.serviceAvailable());
        field("problem", snapshot.problem());
        out.append("},\"readers\":[");
        String separator = "";
        for (ReaderStatus reader : snapshot.readers()) {
            out.append(separator);
            reader(reader);
            separator = ",";
        }
        out.append("]}");
        return this;
    }

    private void reader(ReaderStatus reader) {
        out.append('{');
        string("name", reader.name());
        out.append(",\"cardPresent\":").append(reader.cardPresent()).append(",\"card\":");
        reader.card().ifPresentOrElse(this::card, () -> out.append("null"));
        out.append('}');
    }

    private void card(CardStatus card) {
        out.append('{');
        string("type", card.profile().type().name());
        field("typeName", card.profile().type().displayName());
        field("profile", card.profile().id());
        field("atr", card.atr().hex());
        out.append(",\"atrConfirmed\":").append(card.profile().atrConfirmed());
        out.append(",\"pins\":[");
        String separator = "";
        for (PinSpec pin : card.profile().pins()) {
            out.append(separator).append('{');
            string("kind", pin.kind().name());
            field("label", pin.kind().cardLabel());
            out.append(",\"reference\":").append(pin.reference());
            tries(card.pinTries(), pin.kind());
            out.append('}');
            separator = ",";
        }
        out.append("],\"puk\":");
        Optional<TriesLeft> puk = card.pukTries();
        if (puk.isPresent()) {
            out.append('{');
            counter(puk.get());
            out.append('}');
        } else {
            out.append("null");
        }
        field("problem", card.problem());
        out.append('}');
    }

    private void tries(Map<PinKind, TriesLeft> tries, PinKind kind) {
        TriesLeft counter = tries.get(kind);
        if (counter == null) {
            out.append(",\"triesLeft\":null");
        } else {
            out.append(',');
            counter(counter);
        }
    }

    private void counter(TriesLeft counter) {
        out.append("\"triesLeft\":").append(counter.left()).append(",\"maxTries\":").append(counter.max())
                .append(",\"blocked\":").append(counter.blocked());
    }

    private void field(String name, String value) {
        out.append(',');
        string(name, value);
    }

    private void string(String name, String value) {
        quote(name);
        out.append(':');
        quote(value);
    }

    private void quote(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
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
