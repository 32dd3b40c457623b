package se.legitimera.smartcard.cert;

/**
 * A level of assurance (tillitsnivå) and where it came from.
 *
 * @param level e.g. "LoA3", or "unknown"
 * @param source what matched: a policy OID, an issuer name, or "none"
 * @param confirmed false while the table entry that gave it is UNCONFIRMED (not checked against real cards)
 */
public record TrustLevel(String level, String source, boolean confirmed) {

    public static final TrustLevel UNKNOWN = new TrustLevel("unknown", "none", false);
}
