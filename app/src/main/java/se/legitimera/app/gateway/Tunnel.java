package se.legitimera.app.gateway;

import java.net.URI;

/**
 * One running tunnel: a port on 127.0.0.1 and ::1 that carries connections to an upstream
 * {@code https://host:port} with the card's identification certificate.
 *
 * <p>Open one with {@link #builder()}. All methods are thread-safe. Each local connection runs on its own
 * virtual thread; the tunnel shares one TLS context (and so one session cache) for all its upstream
 * connections, and pools idle upstream connections in HTTP mode.
 */
public interface Tunnel extends AutoCloseable {

    /** A builder for a tunnel; {@link TunnelBuilder#open()} binds the port. */
    static TunnelBuilder builder() {
        return new TunnelBuilder();
    }

    /** The name from the settings (used in logs and PIN prompts). */
    String name();

    /** The loopback port the tunnel listens on (the bound port when 0 was asked for). */
    int localPort();

    /** The upstream {@code https} URL. */
    URI upstream();

    TunnelMode mode();

    /**
     * Logs the tunnel out of the card: invalidates its TLS sessions, closes every upstream connection
     * (pooled or in use) and forgets the key manager, so that the next connection asks for the PIN again.
     * The integrator calls it on the card-removed event. Returns at once; never throws.
     */
    void cardRemoved();

    /** Counters since the tunnel opened. */
    TunnelStatistics statistics();

    /** Stops listening, closes every local and upstream connection and invalidates the TLS sessions. */
    @Override
    void close();
}
