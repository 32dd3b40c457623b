package se.legitimera.smartcard.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link IssuerLocator} over configured certificates, then AIA caIssuers. */
final class AiaIssuerLocator implements IssuerLocator {

    private static final Logger LOG = LoggerFactory.getLogger(AiaIssuerLocator.class);

    private final CopyOnWriteArrayList<X509Certificate> candidates;
    private final Optional<CaIssuersTransport> transport;
    private final Duration timeout;

    AiaIssuerLocator(List<X509Certificate> known, Optional<CaIssuersTransport> transport, Duration timeout) {
        this.candidates = new CopyOnWriteArrayList<>(known);
        this.transport = transport;
        this.timeout = timeout;
    }

    @Override
    public Optional<X509Certificate> issuerOf(X509Certificate certificate) {
        Optional<X509Certificate> known = firstIssuer(candidates, certificate);
        if (known.isPresent() || transport.isEmpty()) {
            return known;
        }
        for (URI location : BcSithsCertificateReader.caIssuerUrls(certificate)) {
            String scheme = location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                continue; // RFC 5280 also allows ldap; SITHS publishes over http
            }
            try {
                Optional<X509Certificate> fetched = firstIssuer(parse(transport.get().get(location, timeout)),
                        certificate);
                if (fetched.isPresent()) {
                    candidates.addIfAbsent(fetched.get());
                    return fetched;
                }
                LOG.warn("{} holds no CA that issued {}", location, certificate.getIssuerX500Principal());
            } catch (IOException | CertificateException e) {
                LOG.warn("Cannot fetch the issuing CA from {}: {}", location, e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static List<X509Certificate> parse(byte[] body) throws CertificateException {
        // DER, PEM and PKCS#7 certs-only bundles all parse here.
        List<X509Certificate> parsed = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(body))) {
            if (c instanceof X509Certificate x509) {
                parsed.add(x509);
            }
        }
        return parsed;
    }

    private static Optional<X509Certificate> firstIssuer(List<X509Certificate> among, X509Certificate certificate) {
        for (X509Certificate ca : among) {
            if (ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()) && ca.getBasicConstraints() >= 0
                    && verifies(certificate, ca)) {
                return Optional.of(ca);
            }
        }
        return Optional.empty();
    }

    private static boolean verifies(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
