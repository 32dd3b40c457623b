package se.legitimera.devkit.pki;

import java.util.Objects;
import java.security.cert.X509Certificate;

/**
 * A person's certificate pair as on a SITHS card.
 *
 * @param authentication the authentication ("legitimering") certificate: digitalSignature, clientAuth
 * @param signature the signature ("underskrift") certificate: nonRepudiation
 */
public record PersonCertificates(X509Certificate authentication, X509Certificate signature) {
    public PersonCertificates {
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(signature, "signature");
    }
}
