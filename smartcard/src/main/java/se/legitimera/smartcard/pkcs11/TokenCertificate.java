package se.legitimera.smartcard.pkcs11;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An X.509 certificate object on a token. Its CKA_ID pairs it with the private key that signs for it.
 */
public final class TokenCertificate {

    private final byte[] id;
    private final String label;
    private final X509Certificate certificate;

    public TokenCertificate(byte[] id, String label, X509Certificate certificate) {
        this.id = id.clone();
        this.label = Objects.requireNonNull(label, "label");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    /** CKA_ID, a copy. */
    public byte[] id() {
        return id.clone();
    }

    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    /** CKA_LABEL, e.g. "Legitimering" (may be empty). */
    public String label() {
        return label;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenCertificate other && Arrays.equals(id, other.id) && label.equals(other.label)
                && certificate.equals(other.certificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(id), label, certificate);
    }

    @Override
    public String toString() {
        return "TokenCertificate[id=" + idHex() + ", label=" + label + "]";
    }
}
