package se.legitimera.smartcard.cert;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link SithsCertificate} as read by {@link BcSithsCertificateReader}. */
record ParsedSithsCertificate(X509Certificate x509, String holderName, Optional<String> hsaId,
        Optional<PersonalIdentityNumber> personalIdentityNumber, Optional<String> userPrincipalName,
        List<String> emails, String issuer, String issuerCommonName, Instant notBefore, Instant notAfter,
        long daysLeft, CertificateUsage usage, TrustLevel trustLevel, List<String> policyOids, List<URI> ocspUrls,
        List<URI> caIssuerUrls, List<URI> crlUrls) implements SithsCertificate {

    /** Without the X.509 text, whose subject may hold a personnummer. */
    @Override
    public String toString() {
        return "SithsCertificate[" + holderName + ", " + usage + ", " + issuerCommonName + ", serial "
                + x509.getSerialNumber().toString(16) + "]";
    }
}
