package se.legitimera.app.ui.tunnel;

import java.util.Objects;
import se.legitimera.app.settings.Tunnel;

/**
 * Where one tunnel of the settings stands, as the tray and the main window show it.
 *
 * @param definition the tunnel as the settings define it
 * @param locked     whether the machine policy defines it (the user cannot change it)
 * @param phase      stopped, listening, card unlocked or failed
 * @param problem    why it failed; {@link Problem#NONE} unless {@code phase} is {@link Phase#FAILED}
 * @param detail     the technical reason of an {@link Problem#OTHER} failure, for the log and diagnostics; may
 *                   be empty, never holds a PIN
 */
public record TunnelState(Tunnel definition, boolean locked, Phase phase, Problem problem, String detail) {

    /** The life of a tunnel in the app. */
    public enum Phase {
        /** Not listening: never started, stopped by the user, or not autostarted. */
        STOPPED,
        /** Listening on its port; the card is not unlocked for it (yet, or again after the card was removed). */
        LISTENING,
        /** Listening, and the card was unlocked with the PIN: connections go through without asking. */
        CARD_UNLOCKED,
        /** Could not be opened; see the problem. */
        FAILED
    }

    /** Why a tunnel could not be opened. */
    public enum Problem { NONE, PORT_IN_USE, TRUST_UNREADABLE, OTHER }

    public TunnelState {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(detail, "detail");
        if ((phase == Phase.FAILED) == (problem == Problem.NONE)) {
            throw new IllegalArgumentException("a failed tunnel, and only a failed one, has a problem");
        }
    }

    /** A tunnel of the settings before anything happened to it. */
    public static TunnelState stopped(Tunnel definition, boolean locked) {
        return new TunnelState(definition, locked, Phase.STOPPED, Problem.NONE, "");
    }

    public String name() {
        return definition.name();
    }

    /** Whether the tunnel holds its port: listening, with or without the card unlocked. */
    public boolean running() {
        return phase == Phase.LISTENING || phase == Phase.CARD_UNLOCKED;
    }

    public TunnelState with(Phase next) {
        return new TunnelState(definition, locked, next, Problem.NONE, "");
    }

    public TunnelState failed(Problem why, String technicalDetail) {
        return new TunnelState(definition, locked, Phase.FAILED, why, technicalDetail);
    }
}
