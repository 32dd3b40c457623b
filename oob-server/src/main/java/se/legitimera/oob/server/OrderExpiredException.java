package se.legitimera.oob.server;

import java.util.Objects;
import java.util.Optional;

/** The order expired: hint {@code expiredTransaction} once fetched, {@code startFailed} before. */
public final class OrderExpiredException extends OobServerException {

    private final HintCode hint;

    public OrderExpiredException(String message, HintCode hint) {
        super(message);
        this.hint = Objects.requireNonNull(hint, "hint");
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.EXPIRED;
    }

    @Override
    public Optional<HintCode> hintCode() {
        return Optional.of(hint);
    }
}
