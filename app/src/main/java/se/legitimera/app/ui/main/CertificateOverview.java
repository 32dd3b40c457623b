package se.legitimera.app.ui.main;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One certificate on the card as the main window shows it. Built in the composition root from the
 * smartcard library's certificate model.
 *
 * @param usage      what the key is for
 * @param holder     the holder's name (subject CN)
 * @param hsaId      the HSA-id (subject serialNumber), e.g. {@code SE2321000016-1003}
 * @param issuer     the issuing CA's name
 * @param validTo    last day of validity
 * @param trustLevel the trust level in the SITHS trust framework (LoA 2, 3), if the policy OID told it
 * @param revocation what the last revocation check said
 */
public record CertificateOverview(Usage usage, String holder, String hsaId, String issuer, LocalDate validTo,
                                  Optional<Integer> trustLevel, Revocation revocation) {

    /** What the certificate's key is for. */
    public enum Usage { IDENTIFICATION, SIGNATURE }

    /** The revocation status of the certificate. */
    public enum Revocation { GOOD, REVOKED, UNKNOWN, NOT_CHECKED }

    public CertificateOverview {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(hsaId, "hsaId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(validTo, "validTo");
        Objects.requireNonNull(trustLevel, "trustLevel");
        Objects.requireNonNull(revocation, "revocation");
    }
}
