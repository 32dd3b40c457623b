package se.legitimera.smartcard.api;

import java.util.OptionalInt;

/**
 * How the private key of certificate {@code id} is addressed on a card of a profile (MSE SET tag 84), and
 * where that comes from, as OpenSC 0.24 to 0.27 do it: a 940 names its keys in its key reference map
 * (file 0005, which also binds each key to a PIN); the other IDPrime types by a fixed rule, {@code base +
 * step * id} (3810: 0x31 + id, 830: 0x41 + id, 930: 0x11 + 2 * id, 930 plus: 0x10 + 2 * id, 840: 0xF7 +
 * id, generic: 0x56 + id). The certificate id is the number in the certificate file's name
 * ({@code kxc01} = 1). Immutable.
 *
 * @param keyMap whether the key reference map 0005 is read and, where the card has one, decides
 * @param base   the key reference of certificate 0 by rule; -1 when there is no rule (map only)
 * @param step   what each further certificate id adds to {@code base}
 */
public record KeyReferenceRule(boolean keyMap, int base, int step) {

    /** OpenSC's generic IDPrime rule (and 0.23's OSv4 rule): 0x56 + id. */
    public static final KeyReferenceRule GENERIC = new KeyReferenceRule(false, 0x56, 1);

    public KeyReferenceRule {
        if (base < -1 || base > 0xFF || step < 0 || step > 0xFF || (base < 0 && !keyMap)) {
            throw new IllegalArgumentException("a key reference rule needs the map or a base of 00-FF, got base "
                    + base + ", step " + step);
        }
    }

    /** Keys and their PINs from the map 0005 alone; a key the map does not name is not usable (940). */
    public static KeyReferenceRule mapOnly() {
        return new KeyReferenceRule(true, -1, 0);
    }

    /** {@code base + step * id}, the map never read. */
    public static KeyReferenceRule computed(int base, int step) {
        return new KeyReferenceRule(false, base, step);
    }

    /** The map where the card has one, otherwise {@code base + step * id}. */
    public static KeyReferenceRule mapElse(int base, int step) {
        return new KeyReferenceRule(true, base, step);
    }

    /** The reference by rule for certificate {@code id}; empty when there is no rule or it leaves 00-FF. */
    public OptionalInt computed(int id) {
        int reference = base + step * id;
        return base < 0 || reference > 0xFF ? OptionalInt.empty() : OptionalInt.of(reference);
    }

    /** As the profile data writes it: {@code map 0005}, {@code F7 + id}, {@code 11 + 2 * id}, {@code map 0005, else 56 + id}. */
    @Override
    public String toString() {
        String rule = step == 1 ? String.format("%02X + id", base) : String.format("%02X + %d * id", base, step);
        if (!keyMap) {
            return rule;
        }
        return base < 0 ? "map 0005" : "map 0005, else " + rule;
    }
}
