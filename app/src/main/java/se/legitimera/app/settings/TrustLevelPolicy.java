package se.legitimera.app.settings;

import java.util.regex.Pattern;

/**
 * A certificate policy OID and the SITHS trust level (tillitsnivå) it stands for, written
 * {@code <oid>=<level>}: lets IT name the real policy OIDs of its cards, which the built-in table only
 * guesses.
 *
 * @param oid   a dotted object identifier, e.g. {@code 1.2.752.29.4.13.3.1}
 * @param level 1 to 4
 */
public record TrustLevelPolicy(String oid, int level) {

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]{0,9})){1,20}");

    public TrustLevelPolicy {
        if (oid == null || !OID.matcher(oid).matches()) {
            throw new IllegalArgumentException("'" + oid + "' is not a policy OID (digits and dots, e.g. 1.2.752.1)");
        }
        if (level < 1 || level > 4) {
            throw new IllegalArgumentException("trust level " + level + " is outside 1-4");
        }
    }

    /**
     * Parses {@code <oid>=<level>}.
     *
     * @throws IllegalArgumentException with a message fit for an administrator
     */
    public static TrustLevelPolicy parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("a trust level is written <policy OID>=<level>, got '" + text + "'");
        }
        String level = text.substring(equals + 1).strip();
        if (!level.matches("[0-9]")) {
            throw new IllegalArgumentException("the level in '" + text + "' is not a digit 1-4");
        }
        return new TrustLevelPolicy(text.substring(0, equals).strip(), Integer.parseInt(level));
    }

    @Override
    public String toString() {
        return oid + "=" + level;
    }
}
