package se.legitimera.smartcard.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.CardType;
import se.legitimera.smartcard.api.KeyReferenceRule;
import se.legitimera.smartcard.api.PinFormat;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.PukSpec;
import se.legitimera.smartcard.profile.CardProfiles.ProfileEntry;

/** Reads the profile table format described in {@code profiles.txt}. One instance per parse. */
final class ProfileFileParser {

    private static final String UNCONFIRMED = "UNCONFIRMED";
    private static final Pattern KEY_RULE = Pattern.compile("([0-9A-Fa-f]{2})\\s*\\+\\s*(?:(\\d+)\\s*\\*\\s*)?id");

    private final List<ProfileEntry> entries = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private Section section;
    private int lineNumber;

    List<ProfileEntry> parse(BufferedReader lines) throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("[") && text.endsWith("]")) {
                finishSection();
                String id = text.substring(1, text.length() - 1).strip();
                if (id.isEmpty() || !ids.add(id)) {
                    throw error("empty or repeated profile id '" + id + "'");
                }
                section = new Section(id, lineNumber);
                continue;
            }
            int eq = text.indexOf('=');
            if (eq < 0 || section == null) {
                throw error("expected [id] or key = value");
            }
            keyValue(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
        }
        finishSection();
        return entries;
    }

    private void keyValue(String key, String value) {
        try {
            switch (key) {
                case "type" -> section.type = CardType.valueOf(value);
                case "name" -> section.name = value;
                case "atr" -> section.atrs.add(atrPattern(value));
                case "applet" -> section.applet = hex(value);
                case "pin.identification" -> pin(PinKind.IDENTIFICATION, value);
                case "pin.signature" -> pin(PinKind.SIGNATURE, value);
                case "puk" -> section.puk = puk(value);
                case "keys" -> section.keys = keys(value);
                case "note" -> { } // documentation for people reading the data
                default -> throw error("unknown key '" + key + "'");
            }
        } catch (IllegalArgumentException e) {
            throw e instanceof ProfileDataException ? e : error(key + ": " + e.getMessage());
        }
    }

    private void pin(PinKind kind, String value) {
        Map<String, String> fields = fields(value);
        int reference = Integer.parseInt(required(fields, "reference"), 16);
        if (section.pins.put(kind, new PinSpec(kind, reference, Integer.parseInt(required(fields, "tries")),
                format(fields))) != null) {
            throw error("PIN " + kind + " given twice");
        }
    }

    private PukSpec puk(String value) {
        Map<String, String> fields = fields(value);
        String reference = fields.get("reference");
        boolean confirmed = true;
        OptionalInt probe = OptionalInt.empty();
        if (reference != null) {
            confirmed = !reference.endsWith(UNCONFIRMED);
            probe = OptionalInt.of(Integer.parseInt(reference.replace(UNCONFIRMED, "").strip(), 16));
        }
        return new PukSpec(probe, confirmed, Integer.parseInt(required(fields, "tries")), format(fields));
    }

    /** {@code map 0005}, {@code F7 + id}, {@code 11 + 2 * id} or {@code map 0005, else 56 + id}. */
    private KeyReferenceRule keys(String value) {
        String[] parts = value.split(",", 2);
        String first = parts[0].strip();
        if (!first.equals("map 0005")) {
            if (parts.length > 1) {
                throw error("expected 'map 0005, else RULE' or a single rule");
            }
            int[] rule = rule(first);
            return KeyReferenceRule.computed(rule[0], rule[1]);
        }
        if (parts.length == 1) {
            return KeyReferenceRule.mapOnly();
        }
        String fallback = parts[1].strip();
        if (!fallback.startsWith("else ")) {
            throw error("expected 'map 0005, else RULE'");
        }
        int[] rule = rule(fallback.substring(5).strip());
        return KeyReferenceRule.mapElse(rule[0], rule[1]);
    }

    /** {@code BASE + id} or {@code BASE + STEP * id}: base hex, step decimal. */
    private int[] rule(String text) {
        Matcher matcher = KEY_RULE.matcher(text);
        if (!matcher.matches()) {
            throw error("expected 'BASE + id' or 'BASE + STEP * id', got '" + text + "'");
        }
        int step = matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2));
        return new int[] {Integer.parseInt(matcher.group(1), 16), step};
    }

    /** {@code length 6-8} and {@code padded 16 with 00} or {@code padded none}. */
    private PinFormat format(Map<String, String> fields) {
        String[] length = required(fields, "length").split("-");
        String[] padded = required(fields, "padded").split("\\s+with\\s+");
        if (length.length == 2 && padded.length == 1 && padded[0].strip().equals("none")) {
            return PinFormat.unpadded(Integer.parseInt(length[0].strip()), Integer.parseInt(length[1].strip()));
        }
        if (length.length != 2 || padded.length != 2) {
            throw error("expected 'length MIN-MAX' and 'padded LEN with BYTE' or 'padded none'");
        }
        return new PinFormat(Integer.parseInt(length[0].strip()), Integer.parseInt(length[1].strip()),
                Integer.parseInt(padded[0].strip()), (byte) Integer.parseInt(padded[1].strip(), 16));
    }

    /** {@code name value, name value, ...}: the first word of each part names it. */
    private Map<String, String> fields(String value) {
        Map<String, String> fields = new HashMap<>();
        for (String part : value.split(",")) {
            String[] words = part.strip().split("\\s+", 2);
            if (words.length != 2 || fields.put(words[0], words[1].strip()) != null) {
                throw error("bad or repeated field '" + part.strip() + "'");
            }
        }
        return fields;
    }

    private String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw error("missing '" + name + "'");
        }
        return value;
    }

    private AtrPattern atrPattern(String value) {
        boolean confirmed = !value.endsWith(UNCONFIRMED);
        String text = value.replace(UNCONFIRMED, "");
        String[] parts = text.split("/");
        if (parts.length > 2) {
            throw error("expected 'ATR [/ MASK]'");
        }
        byte[] atr = hex(parts[0]);
        byte[] mask;
        if (parts.length == 2) {
            mask = hex(parts[1]);
        } else {
            mask = new byte[atr.length];
            Arrays.fill(mask, (byte) 0xFF);
        }
        return new AtrPattern(atr, mask, confirmed);
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("[\\s:]", ""));
    }

    private void finishSection() {
        if (section == null) {
            return;
        }
        if (section.type == null || section.name == null) {
            throw new ProfileDataException("profile [" + section.id + "] at line " + section.line
                    + " needs type and name");
        }
        if (section.type == CardType.UNKNOWN) {
            throw new ProfileDataException("profile [" + section.id + "]: UNKNOWN is built in, not data");
        }
        List<PinSpec> pins = new ArrayList<>(section.pins.values());
        CardProfile profile;
        try {
            profile = new CardProfile(section.id, section.type, section.name, true, section.applet, pins,
                    Optional.ofNullable(section.puk), section.keys);
        } catch (IllegalArgumentException e) {
            throw new ProfileDataException("profile [" + section.id + "]: " + e.getMessage());
        }
        entries.add(new ProfileEntry(profile, section.atrs));
        section = null;
    }

    private ProfileDataException error(String message) {
        return new ProfileDataException("line " + lineNumber + ": " + message);
    }

    /** Malformed profile data; names the line. */
    static final class ProfileDataException extends IllegalArgumentException {
        ProfileDataException(String message) {
            super(message);
        }
    }

    private static final class Section {
        final String id;
        final int line;
        CardType type;
        String name;
        byte[] applet = new byte[0];
        final List<AtrPattern> atrs = new ArrayList<>();
        final Map<PinKind, PinSpec> pins = new EnumMap<>(PinKind.class);
        PukSpec puk;
        KeyReferenceRule keys = KeyReferenceRule.GENERIC;

        Section(String id, int line) {
            this.id = id;
            this.line = line;
        }
    }
}
