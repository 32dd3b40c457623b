package se.legitimera.smartcard.api;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate on a card with what it takes to sign with its private key.
 *
 * @param name         the card's name for the certificate file, e.g. {@code "kxc00"}
 * @param x509         the certificate
 * @param keyReference the card's reference for the private key (MSE SET tag 84), e.g. 0x56; see
 *                     {@link KeyReferenceRule}
 * @param pin          the PIN that unlocks the key: as the card's key reference map binds it on a 940
 *                     ({@link PinKind#SIGNATURE} for PIN 0x83), {@link PinKind#IDENTIFICATION} otherwise
 */
public record CardCertificate(String name, X509Certificate x509, int keyReference, PinKind pin) {

    public CardCertificate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x509, "x509");
        Objects.requireNonNull(pin, "pin");
        if (keyReference < 0 || keyReference > 0xFF) {
            throw new IllegalArgumentException("bad key reference " + keyReference);
        }
    }

    @Override
    public String toString() {
        return name + " (" + x509.getSubjectX500Principal().getName() + ", key "
                + String.format("%02X", keyReference) + ", " + pin + " PIN)";
    }
}
