package se.legitimera.app.ui.login;

import java.util.Objects;
import java.util.Optional;
import se.legitimera.app.ui.common.Outcome;

/**
 * Where waiting for logins addressed to the card holder stands (protocol section 5, {@code wait-for-logins}),
 * as the tray and the main window show it. Immutable.
 *
 * @param phase   where it stands
 * @param service the service waited at (its URL as the user knows it), empty when none is configured
 * @param problem why it stopped or cannot go on, when something went wrong: a wrong PIN with the tries
 *                left, a refusal, a service that does not offer it, a session the service forgot
 */
public record LoginWaitingState(Phase phase, String service, Optional<Outcome> problem) {

    /** The phases, in the order a session goes through them. */
    public enum Phase {
        /** Not opted in, or no service to wait at: nothing happens and the tray says nothing about it. */
        OFF,
        /** Opted in, but no card is in a reader. */
        NO_CARD,
        /** Opted in with a card, but the session needs the identification PIN: the user starts it. */
        NEEDS_PIN,
        /** The card signs the poll request and the service opens the session. */
        OPENING,
        /** The session is open: the app long-polls for orders addressed to the card holder. */
        WAITING,
        /** The service could not be reached: the app tries again after a pause. */
        RECONNECTING
    }

    public static final LoginWaitingState OFF = new LoginWaitingState(Phase.OFF, "", Optional.empty());

    public LoginWaitingState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(problem, "problem");
    }

    /** Whether the user can start waiting now (by typing the PIN). */
    public boolean canStart() {
        return phase == Phase.NEEDS_PIN;
    }

    /** Whether a session is open or being opened, so that the user can stop it. */
    public boolean active() {
        return phase == Phase.OPENING || phase == Phase.WAITING || phase == Phase.RECONNECTING;
    }
}
