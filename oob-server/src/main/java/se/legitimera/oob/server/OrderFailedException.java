package se.legitimera.oob.server;

import java.util.Objects;
import java.util.Optional;

/** The order failed or was cancelled; the hint code says how. */
public final class OrderFailedException extends OobServerException {

    private final HintCode hint;

    public OrderFailedException(String message, HintCode hint) {
        super(message);
        this.hint = Objects.requireNonNull(hint, "hint");
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.CANCELLED;
    }

    @Override
    public Optional<HintCode> hintCode() {
        return Optional.of(hint);
    }
}
