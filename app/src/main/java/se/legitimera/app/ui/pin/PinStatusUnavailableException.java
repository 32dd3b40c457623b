package se.legitimera.app.ui.pin;

import java.util.Objects;
import se.legitimera.app.ui.common.Outcome;

/** The active card's PINs cannot be read; {@link #reason()} says why (no card, card removed, ...). */
public final class PinStatusUnavailableException extends Exception {

    private final transient Outcome reason;

    public PinStatusUnavailableException(Outcome reason) {
        super(reason.getClass().getSimpleName());
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Outcome reason() {
        return reason;
    }
}
