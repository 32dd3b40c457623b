package se.legitimera.devkit.card;

import java.security.MessageDigest;
import java.util.Arrays;

/** A PIN or PUK on the card: value (ASCII digits), retry counter and, for PINs, verification state. */
final class PinObject {

    private final int reference;
    private final int maxTries;
    private byte[] value;
    private int triesLeft;
    private boolean verified;

    PinObject(int reference, int maxTries, byte[] value, int triesLeft) {
        this.reference = reference;
        this.maxTries = maxTries;
        this.value = value.clone();
        this.triesLeft = triesLeft;
    }

    int reference() {
        return reference;
    }

    int triesLeft() {
        return triesLeft;
    }

    boolean blocked() {
        return triesLeft == 0;
    }

    boolean verified() {
        return verified;
    }

    /**
     * Compares a candidate with the value, counting a failure and resetting the counter on success.
     * The caller checks {@link #blocked()} first. A failure also drops the verification.
     */
    boolean check(byte[] candidate) {
        boolean matches = MessageDigest.isEqual(value, candidate);
        if (matches) {
            triesLeft = maxTries;
        } else {
            triesLeft--;
            verified = false;
        }
        return matches;
    }

    void markVerified() {
        verified = true;
    }

    void forgetVerification() {
        verified = false;
    }

    /** Sets a new value and a full retry counter (change and unblock). */
    void replace(byte[] newValue) {
        Arrays.fill(value, (byte) 0);
        value = newValue.clone();
        triesLeft = maxTries;
    }

    /** The value as characters, for {@link CardSecrets} and the state file; the caller wipes it. */
    char[] valueChars() {
        char[] chars = new char[value.length];
        for (int i = 0; i < value.length; i++) {
            chars[i] = (char) value[i];
        }
        return chars;
    }

    /** The value as stored; the caller wipes the copy. */
    byte[] valueBytes() {
        return value.clone();
    }

    /** 63Cx with the tries left, or 6983 when blocked. */
    int triesStatus() {
        return blocked() ? 0x6983 : 0x63C0 | triesLeft;
    }
}
