package se.legitimera.oob.card;

import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.ProofSigningException.Reason;

/** ECDSA signatures from DER (as cards and JCA give them) to JWS's fixed-size R||S. */
final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    /**
     * @param der       SEQUENCE { INTEGER r, INTEGER s }
     * @param fieldSize bytes per integer: 32 for P-256, 48 for P-384
     */
    static byte[] toConcatenated(byte[] der, int fieldSize) throws ProofSigningException {
        try {
            int[] at = {0};
            expect(der, at, 0x30);
            int sequenceEnd = length(der, at) + at[0];
            if (sequenceEnd != der.length) {
                throw new IllegalArgumentException("trailing bytes");
            }
            byte[] out = new byte[2 * fieldSize];
            integer(der, at, out, 0, fieldSize);
            integer(der, at, out, fieldSize, fieldSize);
            if (at[0] != der.length) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return out;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new ProofSigningException(Reason.CARD_ERROR, -1, "the card's ECDSA signature is malformed", e);
        }
    }

    private static void integer(byte[] der, int[] at, byte[] out, int offset, int size) {
        expect(der, at, 0x02);
        int length = length(der, at);
        int start = at[0];
        at[0] += length;
        while (length > 0 && der[start] == 0) {
            start++;
            length--;
        }
        if (length > size) {
            throw new IllegalArgumentException("integer longer than the field");
        }
        System.arraycopy(der, start, out, offset + size - length, length);
    }

    private static void expect(byte[] der, int[] at, int tag) {
        if ((der[at[0]++] & 0xFF) != tag) {
            throw new IllegalArgumentException("unexpected tag");
        }
    }

    private static int length(byte[] der, int[] at) {
        int first = der[at[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        if (first != 0x81) {
            throw new IllegalArgumentException("unexpected length");
        }
        return der[at[0]++] & 0xFF;
    }
}
