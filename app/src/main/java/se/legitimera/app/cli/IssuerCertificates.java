package se.legitimera.app.cli;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import se.legitimera.smartcard.cert.SithsCertificate;

/**
 * Finds the issuing CA certificate that OCSP needs: among the certificates on the cards first, then at
 * the certificate's AIA caIssuers URL (DER or a PKCS#7 bundle).
 */
final class IssuerCertificates {

    private final List<X509Certificate> known;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    IssuerCertificates(List<X509Certificate> known) {
        this.known = known;
    }

    Optional<X509Certificate> issuerOf(SithsCertificate certificate) {
        X509Certificate cert = certificate.x509();
        for (X509Certificate candidate : known) {
            if (candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && verifies(cert, candidate)) {
                return Optional.of(candidate);
            }
        }
        for (URI uri : certificate.caIssuerUrls()) {
            if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
                continue;
            }
            try {
                byte[] body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                Collection<? extends java.security.cert.Certificate> certs =
                        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(body));
                for (var c : certs) {
                    if (c instanceof X509Certificate x && verifies(cert, x)) {
                        return Optional.of(x);
                    }
                }
            } catch (java.io.IOException | CertificateException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean verifies(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
