package se.legitimera.smartcard.api;

/**
 * The kinds of card Legitimera tells apart, named as SITHS users know them.
 */
public enum CardType {
    SITHS_840("SITHS 840"),
    SITHS_940("SITHS 940"),
    SITHS_410("SITHS 410"),
    /** Another card of the Thales/Gemalto IDPrime family: PIN operations by APDU work as on SITHS cards. */
    IDPRIME("IDPrime"),
    /** Anything else: reached through PKCS#11 only, never sent a PIN APDU. */
    UNKNOWN("Unknown card");

    private final String displayName;

    CardType(String displayName) {
        this.displayName = displayName;
    }

    /** A short name for status output, e.g. {@code "SITHS 940"}. */
    public String displayName() {
        return displayName;
    }
}
