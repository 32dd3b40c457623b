package se.legitimera.smartcard.cert;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one revocation check.
 *
 * @param status GOOD / REVOKED / UNKNOWN
 * @param detail why, in words for logs (no personal data)
 * @param responder the OCSP URL asked, if any
 * @param revokedAt when REVOKED
 * @param nextUpdate when the answer goes stale, if the responder said
 * @param unreachable UNKNOWN because no responder could be reached at all (network failure, timeout), as
 *                    opposed to one that answered "unknown" or something unusable; a service may choose to let
 *                    only this case pass (fail open)
 */
public record RevocationResult(RevocationStatus status, String detail, Optional<URI> responder,
        Optional<Instant> revokedAt, Optional<Instant> nextUpdate, boolean unreachable) {

    public RevocationResult {
        if (unreachable && status != RevocationStatus.UNKNOWN) {
            throw new IllegalArgumentException("only an UNKNOWN result can be unreachable");
        }
    }

    /** A result from a responder that was reached. */
    public RevocationResult(RevocationStatus status, String detail, Optional<URI> responder,
            Optional<Instant> revokedAt, Optional<Instant> nextUpdate) {
        this(status, detail, responder, revokedAt, nextUpdate, false);
    }

    static RevocationResult unknown(String detail, URI responder) {
        return new RevocationResult(RevocationStatus.UNKNOWN, detail, Optional.ofNullable(responder), Optional.empty(),
                Optional.empty());
    }

    static RevocationResult unreachable(String detail, URI responder) {
        return new RevocationResult(RevocationStatus.UNKNOWN, detail, Optional.ofNullable(responder), Optional.empty(),
                Optional.empty(), true);
    }
}
