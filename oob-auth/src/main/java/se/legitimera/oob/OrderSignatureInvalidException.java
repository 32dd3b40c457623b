package se.legitimera.oob;

/**
 * The order is not signed by the service's order-signing key, or its signed content contradicts the link (other issuer, malformed claims). The order must not be shown.
 */
public final class OrderSignatureInvalidException extends OobException {

    public OrderSignatureInvalidException(String message) {
        this(message, null, null);
    }

    public OrderSignatureInvalidException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
