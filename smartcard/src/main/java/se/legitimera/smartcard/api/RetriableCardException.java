package se.legitimera.smartcard.api;

/** A failure the user or time can fix: no reader, no card, card removed, service down, reader busy. */
public abstract non-sealed class RetriableCardException extends SmartcardException {

    protected RetriableCardException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean retriable() {
        return true;
    }
}
