package se.legitimera.smartcard.api;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A card's Answer To Reset, as the reader reported it. Immutable.
 */
public final class Atr {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private final byte[] bytes;

    private Atr(byte[] bytes) {
        if (bytes.length < 2 || bytes.length > 33) {
            throw new IllegalArgumentException("an ATR has 2 to 33 bytes, got " + bytes.length);
        }
        this.bytes = bytes;
    }

    /** The ATR with these bytes (copied). */
    public static Atr of(byte[] bytes) {
        return new Atr(bytes.clone());
    }

    /** Parses hex digits, with or without spaces or colons: {@code "3B 7F 96 00 ..."}. */
    public static Atr parse(String hex) {
        return new Atr(HexFormat.of().parseHex(hex.replaceAll("[\\s:]", "")));
    }

    /** A copy of the ATR bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Upper-case hex bytes separated by spaces, as pcsc-tools prints them. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Atr other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
