package se.legitimera.app.wiring;

import java.io.IOException;
import java.net.BindException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.gateway.Tunnel;
import se.legitimera.app.ui.tunnel.TunnelState;
import se.legitimera.app.ui.tunnel.TunnelState.Phase;
import se.legitimera.app.ui.tunnel.TunnelState.Problem;

/**
 * The tunnels of the settings and policy, run by the tray app: opens those marked autostart when the app
 * starts, starts and stops them by name (tray, main window, {@code legitimera tunnel start|stop}), logs them
 * out of the card when it is removed, and keeps each one's {@link TunnelState}. Every change is reported to
 * the listener with all the tunnels' states, in the settings' order.
 *
 * <p>Thread-safe. Opening binds a port and reads trust files, so call {@link #start} off the JavaFX thread;
 * it never touches the card (the PIN is asked when the first connection needs it). The listener is called
 * with the lock held, on the thread that caused the change: it must hand over to its own thread and never
 * call back.
 */
public final class SettingsTunnels implements AutoCloseable {

    /** Opens one tunnel of the settings; the seam between the state machine and the gateway. */
    public interface Opener extends AutoCloseable {

        /**
         * Binds the tunnel's port.
         *
         * @param cardUnlocked to be run each time the card is unlocked for this tunnel (the PIN was accepted)
         * @throws IOException when the port cannot be bound ({@link BindException} when another program holds
         *                     it) or a trust file cannot be read ({@link TrustFileException})
         */
        Tunnel open(se.legitimera.app.settings.Tunnel definition, Runnable cardUnlocked) throws IOException;

        /** The card left its reader: end the login the tunnels share, so the next one asks again. */
        void cardRemoved();

        /** The app quits: end the login. Never throws. */
        @Override
        void close();
    }

    private static final Logger LOG = LoggerFactory.getLogger(SettingsTunnels.class);

    private final Opener opener;
    private final Consumer<List<TunnelState>> listener;
    private final Map<String, TunnelState> states = new LinkedHashMap<>();
    private final Map<String, Tunnel> running = new LinkedHashMap<>();
    // Per open tunnel, the callback its credentials run on unlock: tells a late unlock of a closed one apart.
    private final Map<String, Runnable> unlockers = new LinkedHashMap<>();

    /**
     * @param tunnels  the tunnels of the settings, in their order
     * @param locked   whether the policy defines them (then the user cannot change them)
     * @param opener   opens one tunnel
     * @param listener hears every change, with all states
     */
    public SettingsTunnels(List<se.legitimera.app.settings.Tunnel> tunnels, boolean locked, Opener opener,
                           Consumer<List<TunnelState>> listener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.listener = Objects.requireNonNull(listener, "listener");
        tunnels.forEach(tunnel -> states.put(tunnel.name(), TunnelState.stopped(tunnel, locked)));
    }

    /** Opens every tunnel marked autostart; a failure of one is kept in its state and the others still open. */
    public synchronized void startAutostarted() {
        List.copyOf(states.values()).stream().filter(state -> state.definition().autostart())
                .forEach(state -> start(state.name()));
    }

    /**
     * Opens the tunnel {@code name} unless it is already open.
     *
     * @return its state afterwards (listening, or failed with the reason); empty when no tunnel has that name
     */
    public synchronized Optional<TunnelState> start(String name) {
        TunnelState state = states.get(name);
        if (state == null) {
            return Optional.empty();
        }
        if (state.running()) {
            return Optional.of(state);
        }
        Runnable cardUnlocked = new Runnable() {
            @Override
            public void run() {
                unlocked(name, this);
            }
        };
        TunnelState next;
        try {
            Tunnel tunnel = opener.open(state.definition(), cardUnlocked);
            running.put(name, tunnel);
            unlockers.put(name, cardUnlocked);
            next = state.with(Phase.LISTENING);
        } catch (BindException e) {
            LOG.warn("Tunnel {}: port {} is in use ({})", name, state.definition().localPort(), e.getMessage());
            next = state.failed(Problem.PORT_IN_USE, String.valueOf(e.getMessage()));
        } catch (TrustFileException e) {
            LOG.warn("Tunnel {}: {}", name, e.getMessage());
            next = state.failed(Problem.TRUST_UNREADABLE, String.valueOf(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Tunnel {} did not open", name, e);
            next = state.failed(Problem.OTHER, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return Optional.of(change(next));
    }

    /**
     * Closes the tunnel {@code name} if it is open; a failed tunnel becomes stopped.
     *
     * @return its state afterwards; empty when no tunnel has that name
     */
    public synchronized Optional<TunnelState> stop(String name) {
        TunnelState state = states.get(name);
        if (state == null) {
            return Optional.empty();
        }
        Tunnel tunnel = running.remove(name);
        unlockers.remove(name);
        if (tunnel != null) {
            tunnel.close();
        }
        return Optional.of(state.phase() == Phase.STOPPED ? state : change(state.with(Phase.STOPPED)));
    }

    /** Stops an open tunnel, starts any other; empty when no tunnel has that name. */
    public synchronized Optional<TunnelState> toggle(String name) {
        TunnelState state = states.get(name);
        if (state == null) {
            return Optional.empty();
        }
        return state.running() ? stop(name) : start(name);
    }

    /**
     * The card was removed: every open tunnel logs out of it (the next connection asks for the PIN again).
     * Never blocks on the card.
     */
    public synchronized void cardRemoved() {
        running.forEach((name, tunnel) -> {
            tunnel.cardRemoved();
            TunnelState state = states.get(name);
            if (state.phase() == Phase.CARD_UNLOCKED) {
                change(state.with(Phase.LISTENING));
            }
        });
        opener.cardRemoved();
    }

    /** All tunnels' states, in the settings' order. */
    public synchronized List<TunnelState> states() {
        return List.copyOf(states.values());
    }

    /** Closes every open tunnel (at quit); the states keep what they were. */
    @Override
    public synchronized void close() {
        running.values().forEach(Tunnel::close);
        running.clear();
        unlockers.clear();
        opener.close();
    }

    // Called on a gateway thread once the card accepted the PIN; a tunnel stopped or reopened since is not touched.
    private synchronized void unlocked(String name, Runnable unlocker) {
        TunnelState state = states.get(name);
        if (unlockers.get(name) == unlocker && state.phase() == Phase.LISTENING) {
            change(state.with(Phase.CARD_UNLOCKED));
        }
    }

    private TunnelState change(TunnelState next) {
        states.put(next.name(), next);
        listener.accept(List.copyOf(states.values()));
        return next;
    }
}
