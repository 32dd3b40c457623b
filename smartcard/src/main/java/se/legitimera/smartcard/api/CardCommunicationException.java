package se.legitimera.smartcard.api;

/** Talking to the card failed for another reason (reader error, timeout). */
public final class CardCommunicationException extends RetriableCardException {

    public CardCommunicationException(String message) {
        super(message, null);
    }

    public CardCommunicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
