package se.legitimera.smartcard.api;

/** A failure that repeats on retry: unsupported card, unexpected card answer. */
public abstract non-sealed class FatalCardException extends SmartcardException {

    protected FatalCardException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean retriable() {
        return false;
    }
}
