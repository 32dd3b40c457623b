package se.legitimera.smartcard.api;

/**
 * Root of the smart-card failures. Either {@link RetriableCardException} (the user can fix it: insert
 * the card, plug in the reader, start the service, try again) or {@link FatalCardException} (retrying
 * the same thing will fail the same way).
 *
 * <p>Messages never contain PINs, PUKs or personal identity numbers.
 */
public abstract sealed class SmartcardException extends Exception
        permits RetriableCardException, FatalCardException {

    protected SmartcardException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying again after the user acted (or after a while) may succeed. */
    public abstract boolean retriable();
}
