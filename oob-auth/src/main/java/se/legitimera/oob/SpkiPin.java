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

    /**
     * Parses {@code sha256/<base64 of 32 bytes>}, as written in settings, policy and links.
     *
     * @throws IllegalArgumentException with a message fit for an administrator when the text is no such pin
     */
    public static SpkiPin parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new IllegalArgumentException("a pin is written sha256/<base64>, got '" + text + "'");
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(trimmed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the pin '" + text + "' is not valid base64");
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("the pin '" + text + "' holds " + digest.length
                    + " bytes, a SHA-256 has 32");
        }
        return new SpkiPin(digest);
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
