package se.legitimera.app.ui.login;

import java.util.Objects;
import se.legitimera.app.ui.common.Outcome;

/** A login link could not be turned into an order; {@link #reason()} says why. */
public final class LoginUnavailableException extends Exception {

    private final transient Outcome reason;

    public LoginUnavailableException(Outcome reason) {
        super(reason.getClass().getSimpleName());
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Outcome reason() {
        return reason;
    }
}
