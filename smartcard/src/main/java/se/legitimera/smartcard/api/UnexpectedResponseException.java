package se.legitimera.smartcard.api;

/** The card answered with a status word the operation does not know. */
public final class UnexpectedResponseException extends FatalCardException {

    private final int statusWord;

    public UnexpectedResponseException(String operation, int statusWord) {
        super(operation + ": unexpected status word " + String.format("%04X", statusWord), null);
        this.statusWord = statusWord;
    }

    /** SW1 SW2 as one number, e.g. {@code 0x6A82}. */
    public int statusWord() {
        return statusWord;
    }
}
