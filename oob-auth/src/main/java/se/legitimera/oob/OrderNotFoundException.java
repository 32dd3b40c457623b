package se.legitimera.oob;

/**
 * The service knows no order for this autostart token or order reference (mistyped link, or the order was purged).
 */
public final class OrderNotFoundException extends OobException {

    public OrderNotFoundException(String message) {
        this(message, null, null);
    }

    public OrderNotFoundException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
