package se.legitimera.devkit.ocsp;

import java.time.Instant;

/** What the responder says about one serial number. */
public sealed interface CertificateState {

    /** Issued by the CA and not revoked. */
    record Good() implements CertificateState {
    }

    /** Revoked at {@code revokedAt}. */
    record Revoked(Instant revokedAt) implements CertificateState {
    }

    /** Not issued by this CA, as far as the responder knows. */
    record Unknown() implements CertificateState {
    }
}
