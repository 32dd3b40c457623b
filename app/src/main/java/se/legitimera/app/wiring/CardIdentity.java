package se.legitimera.app.wiring;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One card in one reader, as the PIN cache binds a PIN to it: the reader's PC/SC name and the issuer and
 * serial number of the card's identification certificate. Another card in the same reader, or the same
 * card after it left its reader, is not the same identity for the cache.
 *
 * @param reader      the reader's PC/SC name
 * @param certificate issuer and serial number (hex) of the identification certificate
 */
public record CardIdentity(String reader, String certificate) {

    public CardIdentity {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * The identity of the card in {@code reader} that holds {@code identification}.
     *
     * @throws IllegalArgumentException when the certificate is a signature (nonRepudiation) certificate: its
     *                                  PIN is never cached
     */
    public static CardIdentity of(String reader, X509Certificate identification) {
        boolean[] usage = identification.getKeyUsage();
        if (usage != null && usage.length > 1 && usage[1]) {
            throw new IllegalArgumentException("a signature certificate's PIN is never cached");
        }
        return new CardIdentity(reader, identification.getIssuerX500Principal().getName() + "#"
                + identification.getSerialNumber().toString(16));
    }
}
