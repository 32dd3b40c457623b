package se.legitimera.oob;

import java.util.Objects;

/**
 * How the authentication service answered a diagnostic request over the client's own TLS (trust store,
 * pinned keys, proxy), see {@link OobClient#check}.
 *
 * @param service the service's origin
 * @param outcome what the check found
 * @param detail  the HTTP status, or why the check failed; for the diagnostics report, never a secret
 */
public record ServiceCheck(ServiceOrigin service, Outcome outcome, String detail) {

    /** What a check can find. */
    public enum Outcome {
        /** Reached; the service's key matched one of its pins. */
        REACHED_PIN_MATCHED,
        /** Reached; its certificate is trusted, and no pins are configured for it. */
        REACHED_NOT_PINNED,
        /** The certificate chain is trusted but matches none of the pins: TLS interception, or a new key. */
        PIN_MISMATCH,
        /** The service's certificate is not trusted (often a TLS-inspecting proxy). */
        CERTIFICATE_UNTRUSTED,
        /** No answer: network, proxy, DNS, timeout or a server error. */
        UNREACHABLE,
        /** The service is not on the allowlist, so nothing was sent. */
        NOT_ALLOWED
    }

    public ServiceCheck {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
