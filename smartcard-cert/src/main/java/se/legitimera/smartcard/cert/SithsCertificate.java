package se.legitimera.smartcard.cert;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A SITHS card certificate read into the fields the app shows and checks. Immutable. The personal
 * identity number, when present, is only reachable through {@link PersonalIdentityNumber}, which masks
 * itself in {@code toString}.
 */
public interface SithsCertificate {

    X509Certificate x509();

    /** Subject CN, e.g. "Tolvan Tolvansson". */
    String holderName();

    /** HSA-id from the subject serialNumber (e.g. "SE2321000016-1003"), when it is not a personnummer. */
    Optional<String> hsaId();

    /** A 12-digit personnummer found in the subject serialNumber or the SAN. */
    Optional<PersonalIdentityNumber> personalIdentityNumber();

    /** UPN from SAN otherName 1.3.6.1.4.1.311.20.2.3. */
    Optional<String> userPrincipalName();

    /** rfc822Name entries of the SAN. */
    List<String> emails();

    /** Issuer distinguished name with attribute names, e.g. "CN=...,O=Inera AB,C=SE". */
    String issuer();

    /** Issuer CN, e.g. "SITHS e-id Person HSA-id 3 CA v1". */
    String issuerCommonName();

    Instant notBefore();

    Instant notAfter();

    /** Whole days until {@link #notAfter()} by the reader's clock; negative once expired. */
    long daysLeft();

    CertificateUsage usage();

    TrustLevel trustLevel();

    List<String> policyOids();

    /** OCSP responder URLs from Authority Information Access. */
    List<URI> ocspUrls();

    /** CA issuer URLs from Authority Information Access (to fetch the issuer for OCSP). */
    List<URI> caIssuerUrls();

    /** CRL distribution point URLs. */
    List<URI> crlUrls();
}
