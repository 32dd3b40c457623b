package se.legitimera.devkit.card;

/**
 * One command the virtual card answered, without its body: a VERIFY body is a PIN, so the log carries
 * only the header, the body length and the status word.
 *
 * @param cla class byte
 * @param ins instruction byte, e.g. 0x20 for VERIFY
 * @param p1 parameter 1
 * @param p2 parameter 2 (for PIN commands the PIN reference)
 * @param dataLength length of the command body in bytes (0 for none)
 * @param statusWord the answer's status word, e.g. 0x9000 or 0x63C2
 */
public record ApduEvent(int cla, int ins, int p1, int p2, int dataLength, int statusWord) {

    @Override
    public String toString() {
        return String.format("%02X %02X %02X %02X [%d bytes] -> %04X", cla, ins, p1, p2, dataLength, statusWord);
    }
}
