package se.legitimera.app.settings;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * A pinned service key: the SHA-256 of a certificate's SubjectPublicKeyInfo, written {@code sha256/<base64>}
 * as in HTTP public key pinning.
 */
public final class SpkiPin {

    private static final String PREFIX = "sha256/";
    private final byte[] sha256;

    private SpkiPin(byte[] sha256) {
        this.sha256 = sha256;
    }

    /**
     * Parses {@code sha256/<base64 of 32 bytes>}.
     *
     * @throws IllegalArgumentException with a message fit for an administrator when the text is no such pin
     */
    public static SpkiPin parse(String text) {
        if (!text.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw new IllegalArgumentException("a pin is written sha256/<base64>, got '" + text + "'");
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the pin '" + text + "' is not valid base64");
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("the pin '" + text + "' holds " + digest.length
                    + " bytes, a SHA-256 has 32");
        }
        return new SpkiPin(digest);
    }

    /** The SHA-256 digest of the SubjectPublicKeyInfo (a copy). */
    public byte[] sha256() {
        return sha256.clone();
    }

    /** True when this pin matches the given SHA-256 of a SubjectPublicKeyInfo. */
    public boolean matches(byte[] spkiSha256) {
        return Arrays.equals(sha256, spkiSha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpkiPin pin && Arrays.equals(sha256, pin.sha256);
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
