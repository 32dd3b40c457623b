package se.legitimera.app.gateway;

/**
 * Counters of one tunnel since it opened.
 *
 * @param acceptedConnections local connections accepted
 * @param refusedConnections local connections refused (non-loopback peer or connection limit)
 * @param requests HTTP requests forwarded (HTTP mode)
 * @param upstreamConnections TLS connections opened to the upstream (full or resumed handshakes)
 * @param privateKeyUses times TLS fetched the card's private key: one per full handshake with client
 *     authentication, i.e. one card signature per TLS session; resumed handshakes sign nothing
 */
public record TunnelStatistics(long acceptedConnections, long refusedConnections, long requests,
        long upstreamConnections, long privateKeyUses) {
}
