package se.legitimera.app.gateway;

/** What a tunnel does with the bytes that arrive on its loopback port. */
public enum TunnelMode {
    /**
     * HTTP/1.1 reverse proxy: the browser talks plain HTTP to the loopback port, the gateway checks the
     * Host header, rewrites it to the upstream's and forwards over TLS with the card's certificate.
     */
    HTTP,
    /** Raw TLS wrapping (stunnel-like): plain TCP on the loopback port, TLS with client auth upstream. */
    TLS
}
