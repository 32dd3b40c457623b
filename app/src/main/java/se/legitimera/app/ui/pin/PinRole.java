package se.legitimera.app.ui.pin;

/** Which of the card's PINs: the one for logging in, or the one for signing. */
public enum PinRole {
    /** "Legitimering": the identification PIN used to log in. */
    IDENTIFICATION("pin.role.identification"),
    /** "Underskrift": the signature PIN (940 cards). */
    SIGNATURE("pin.role.signature");

    private final String messageKey;

    PinRole(String messageKey) {
        this.messageKey = messageKey;
    }

    /** Bundle key of the role's name as users know it. */
    public String messageKey() {
        return messageKey;
    }
}
