package se.legitimera.app.gateway;

/** No card is inserted, or the card holds no identification certificate. */
public final class CardMissingException extends GatewayException {

    public CardMissingException(String message) {
        super(TunnelFailure.CARD_MISSING, message, null);
    }

    public CardMissingException(String message, Throwable cause) {
        super(TunnelFailure.CARD_MISSING, message, cause);
    }
}
