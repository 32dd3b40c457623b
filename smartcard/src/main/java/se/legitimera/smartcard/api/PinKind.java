package se.legitimera.smartcard.api;

/**
 * The PINs a SITHS card can hold, by what the user does with them.
 */
public enum PinKind {
    /** The identification PIN ("legitimeringskod"): log-in and TLS client authentication. */
    IDENTIFICATION("Legitimering"),
    /** The signature PIN ("underskriftskod"): qualified signatures, on cards that have one. */
    SIGNATURE("Underskrift");

    private final String cardLabel;

    PinKind(String cardLabel) {
        this.cardLabel = cardLabel;
    }

    /** The name SITHS cards and their PIN letters give this PIN (Swedish, as printed). */
    public String cardLabel() {
        return cardLabel;
    }
}
