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
 */
public record RevocationResult(RevocationStatus status, String detail, Optional<URI> responder,
        Optional<Instant> revokedAt, Optional<Instant> nextUpdate) {

    static RevocationResult unknown(String detail, URI responder) {
        return new RevocationResult(RevocationStatus.UNKNOWN, detail, Optional.ofNullable(responder), Optional.empty(),
                Optional.empty());
    }
}
