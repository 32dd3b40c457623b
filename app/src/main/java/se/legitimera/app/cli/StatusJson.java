package se.legitimera.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.TriesLeft;

/**
 * Writes a monitor snapshot as JSON for {@code legitimera status --json}, on one line. Field names are a
 * contract with scripts and support tools: add fields, never rename.
 */
final class StatusJson {

    private StatusJson() {
    }

    static String of(MonitorSnapshot snapshot) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("available", snapshot.serviceAvailable());
        service.put("problem", snapshot.problem());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("service", service);
        json.put("readers", snapshot.readers().stream().map(StatusJson::reader).toList());
        return JsonText.compact(json);
    }

    private static Map<String, Object> reader(ReaderStatus reader) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", reader.name());
        json.put("cardPresent", reader.cardPresent());
        json.put("card", reader.card().map(StatusJson::card).orElse(null));
        return json;
    }

    private static Map<String, Object> card(CardStatus card) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", card.profile().type().name());
        json.put("typeName", card.profile().type().displayName());
        json.put("profile", card.profile().id());
        json.put("atr", card.atr().hex());
        json.put("atrConfirmed", card.profile().atrConfirmed());
        json.put("pins", card.profile().pins().stream().map(pin -> pin(card, pin)).toList());
        json.put("puk", card.pukTries().map(StatusJson::counter).orElse(null));
        json.put("problem", card.problem());
        return json;
    }

    private static Map<String, Object> pin(CardStatus card, PinSpec pin) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", pin.kind().name());
        json.put("label", pin.kind().cardLabel());
        json.put("reference", pin.reference());
        TriesLeft tries = card.pinTries().get(pin.kind());
        if (tries == null) {
            json.put("triesLeft", null);
        } else {
            json.putAll(counter(tries));
        }
        return json;
    }

    private static Map<String, Object> counter(TriesLeft counter) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("triesLeft", counter.left());
        json.put("maxTries", counter.max());
        json.put("blocked", counter.blocked());
        return json;
    }
}
