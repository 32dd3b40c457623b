package se.legitimera.oob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A pinned service key: the SHA-256 of a certificate's SubjectPublicKeyInfo, written
 * {@code sha256/<base64>} (the form of RFC 7469 and of the settings file).
 */
public record SpkiPin(byte[] sha256) {

    private static final String PREFIX = "sha256/";

    public SpkiPin {
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("an SPKI pin is 32 bytes of SHA-256");
        }
        sha256 = sha256.clone();
    }

    /** Parses {@code sha256/<base64>} or bare base64. */
    public static SpkiPin parse(String text) {
        String b64 = text.trim().startsWith(PREFIX) ? text.trim().substring(PREFIX.length()) : text.trim();
        try {
            return new SpkiPin(Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an SPKI pin: " + text, e);
        }
    }

    /** The pin of a public key. */
    public static SpkiPin of(PublicKey key) {
        try {
            return new SpkiPin(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code key} is the pinned key. */
    public boolean matches(PublicKey key) {
        return equals(of(key));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpkiPin other && MessageDigest.isEqual(sha256, other.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().encodeToString(sha256);
    }
}
