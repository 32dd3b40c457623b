package se.legitimera.oob.server;

/** Whether and how holder certificates are checked by OCSP. */
public enum OcspMode {
    /** No revocation check (development only). */
    OFF,
    /** A verified "good" answer is required: revoked, unknown and unreachable all refuse the proof (default). */
    FAIL_CLOSED,
    /**
     * Revoked and "unknown" answers refuse; an unreachable responder (network failure, timeout) lets the proof
     * through, logged at WARN. For services that prefer availability over revocation freshness.
     */
    FAIL_OPEN
}
