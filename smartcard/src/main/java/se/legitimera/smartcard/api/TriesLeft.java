package se.legitimera.smartcard.api;

/**
 * A retry counter as the card reported it to an empty VERIFY.
 *
 * @param left     tries left before the secret is blocked; 0 = blocked
 * @param max      tries the card allows in total (from the card profile)
 * @param verified true when the card answered "already verified" (then {@code left == max})
 */
public record TriesLeft(int left, int max, boolean verified) {

    public TriesLeft {
        if (left < 0 || max < 1) {
            throw new IllegalArgumentException("bad retry counter " + left + "/" + max);
        }
    }

    /** A counter with {@code left} of {@code max} tries. */
    public static TriesLeft of(int left, int max) {
        return new TriesLeft(left, max, false);
    }

    public boolean blocked() {
        return left == 0;
    }
}
