package se.legitimera.oob;

/**
 * The order expired before it was completed (hint code {@code expiredTransaction} or {@code startFailed}).
 */
public final class OrderExpiredException extends OobException {

    public OrderExpiredException(String message) {
        this(message, null, null);
    }

    public OrderExpiredException(String message, HintCode hintCode, Throwable cause) {
        super(message, hintCode, cause);
    }
}
