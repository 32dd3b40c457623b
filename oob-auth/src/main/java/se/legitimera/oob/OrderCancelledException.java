package se.legitimera.oob;

/**
 * The order was cancelled: by the relying party, by a newer order for the same user, or by the user on another device.
 */
public final class OrderCancelledException extends OobException {

    public OrderCancelledException(String message) {
        this(message, null, null);
    }

    public OrderCancelledException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
