package se.legitimera.smartcard.idprime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The key reference map of an IDPrime 940 (file 0005), read as OpenSC 0.26-0.27 read it: 8-byte records,
 * byte [0] non-zero when the record is in use, [1] the key reference, [2] the certificate id the key
 * belongs to, [7] the PIN index: 1 = the user PIN 0x11, anything else = the signature PIN 0x83. Bytes
 * 3-6 are not used. A trailing partial record is ignored. Immutable.
 */
final class KeyReferenceMap {

    static final int FILE = 0x0005;
    static final int RECORD = 8;
    static final int USER_PIN = 0x11;
    static final int SIGNATURE_PIN = 0x83;

    /** One key: its reference (MSE SET tag 84) and the reference of the PIN that unlocks it. */
    record Key(int reference, int pinReference) {
    }

    private final Map<Integer, Key> byCertificate;

    private KeyReferenceMap(Map<Integer, Key> byCertificate) {
        this.byCertificate = Map.copyOf(byCertificate);
    }

    /** Parses the file's content; records not in use are skipped, a repeated certificate id keeps the first. */
    static KeyReferenceMap parse(byte[] file) {
        Map<Integer, Key> keys = new LinkedHashMap<>();
        for (int offset = 0; offset + RECORD <= file.length; offset += RECORD) {
            if (file[offset] == 0) {
                continue;
            }
            int pinIndex = file[offset + 7] & 0xFF;
            keys.putIfAbsent(file[offset + 2] & 0xFF,
                    new Key(file[offset + 1] & 0xFF, pinIndex == 1 ? USER_PIN : SIGNATURE_PIN));
        }
        return new KeyReferenceMap(keys);
    }

    /** The key of certificate {@code id}, if the map names one. */
    Optional<Key> key(int certificateId) {
        return Optional.ofNullable(byCertificate.get(certificateId));
    }

    /** How many keys the map names. */
    int size() {
        return byCertificate.size();
    }
}
