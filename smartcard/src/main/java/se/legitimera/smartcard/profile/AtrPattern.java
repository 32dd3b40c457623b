package se.legitimera.smartcard.profile;

import java.util.HexFormat;
import se.legitimera.smartcard.api.Atr;

/**
 * An ATR with a mask: a card's ATR matches when it has the same length and agrees on every bit the
 * mask sets.
 *
 * @param confirmed false when the ATR was not yet seen on a real card (UNCONFIRMED in the data)
 */
record AtrPattern(byte[] atr, byte[] mask, boolean confirmed) {

    AtrPattern {
        if (atr.length != mask.length) {
            throw new IllegalArgumentException("ATR and mask differ in length: " + atr.length + " vs " + mask.length);
        }
        atr = atr.clone();
        mask = mask.clone();
    }

    boolean matches(Atr candidate) {
        byte[] bytes = candidate.bytes();
        if (bytes.length != atr.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (((bytes[i] ^ atr[i]) & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.ofDelimiter(" ").withUpperCase();
        return hex.formatHex(atr) + " / " + hex.formatHex(mask) + (confirmed ? "" : " UNCONFIRMED");
    }
}
