package se.legitimera.app.ui.main;

import se.legitimera.app.ui.common.Notice;

/**
 * A certificate in words, ready for the main window.
 *
 * @param title      "Legitimering" or "Underskrift"
 * @param holder     the holder's name
 * @param hsaId      the HSA-id
 * @param issuer     the issuing CA
 * @param validity   "Giltigt till 2027-05-01 (412 dagar kvar)"
 * @param validityKind {@link Notice.Kind#WARNING} within 30 days of expiry, ERROR when expired
 * @param trustLevel "Tillitsnivå 3" or "okänd"
 * @param revocation "Inte spärrat", "Spärrat", ...
 * @param revocationKind ERROR when revoked
 */
public record CertificateRow(String title, String holder, String hsaId, String issuer, String validity,
                             Notice.Kind validityKind, String trustLevel, String revocation,
                             Notice.Kind revocationKind) {
}
