package se.legitimera.devkit.card;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;

import se.legitimera.devkit.pki.PersonCertificates;

/**
 * The transparent files of the IDPrime applet, built once from the card state: index 0101, card id 0201,
 * compressed certificates, token info, the container map 0204 and, on a 940 chip, the key reference map 0005.
 * Immutable.
 */
final class IdPrimeFiles {

    static final int INDEX = 0x0101;
    static final int CARD_ID = 0x0201;
    static final int CONTAINER_MAP = 0x0204;
    static final int KEY_REFERENCE_MAP = 0x0005;
    static final int AUTHENTICATION_CERTIFICATE = 0x0301;
    static final int SIGNATURE_CERTIFICATE = 0x0302;
    static final int TOKEN_INFO = 0x0401;

    private static final int INDEX_ENTRY = 21;
    private static final int CONTAINER_RECORD = 86;
    private static final int KEY_REFERENCE_RECORD = 8;

    private final Map<Integer, byte[]> files = new LinkedHashMap<>();

    IdPrimeFiles(byte[] cardId, PersonCertificates certificates, String tokenLabel, PublishedAtr.Chip chip) {
        byte[] authentication = compressedCertificate(certificates.authentication());
        byte[] signature = compressedCertificate(certificates.signature());
        byte[] tokenInfo = tokenInfo(tokenLabel);
        files.put(CARD_ID, cardId.clone());
        files.put(AUTHENTICATION_CERTIFICATE, authentication);
        files.put(SIGNATURE_CERTIFICATE, signature);
        files.put(TOKEN_INFO, tokenInfo);
        files.put(CONTAINER_MAP, containerMap());
        if (chip.keyMap()) {
            files.put(KEY_REFERENCE_MAP, keyReferenceMap(chip));
        }
        // the certificate id OpenSC reads from the name's last two digits: kxc00 -> 0, ksc01 -> 1
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        index.write(3);
        indexEntry(index, AUTHENTICATION_CERTIFICATE, authentication.length, "kxc00", "mscp");
        indexEntry(index, SIGNATURE_CERTIFICATE, signature.length, "ksc01", "mscp");
        indexEntry(index, TOKEN_INFO, tokenInfo.length, "tinfo", "p11");
        files.put(INDEX, index.toByteArray());
    }

    /** The file's content, or null when the card has no such file. */
    byte[] file(int fid) {
        return files.get(fid);
    }

    /** FCI for a SELECT with P2 = 00: tag 62 with the size (80), descriptor (82) and file id (83). */
    byte[] controlInformation(int fid) {
        int size = files.get(fid).length;
        return new byte[] {0x62, 0x0B, (byte) 0x80, 0x02, (byte) (size >> 8), (byte) size,
                (byte) 0x82, 0x01, 0x01, (byte) 0x83, 0x02, (byte) (fid >> 8), (byte) fid};
    }

    /** {@code 01 00}, the DER length little-endian, then a zlib stream (not raw deflate). */
    private static byte[] compressedCertificate(X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new VirtualCardException("cannot encode a card certificate", e);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(der);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x01);
        out.write(0x00);
        out.write(der.length & 0xFF);
        out.write(der.length >> 8);
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** {@code 01 L label 00}, L counting the terminating NUL. */
    private static byte[] tokenInfo(String label) {
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[2 + text.length + 1];
        file[0] = 0x01;
        file[1] = (byte) (text.length + 1);
        System.arraycopy(text, 0, file, 2, text.length);
        return file;
    }

    private static void indexEntry(ByteArrayOutputStream index, int fid, int size, String name, String directory) {
        byte[] entry = new byte[INDEX_ENTRY];
        entry[0] = (byte) (fid >> 8);
        entry[1] = (byte) fid;
        entry[2] = (byte) (size >> 8);
        entry[3] = (byte) size;
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nameBytes, 0, entry, 4, nameBytes.length);
        byte[] directoryBytes = directory.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(directoryBytes, 0, entry, 12, directoryBytes.length);
        index.writeBytes(entry);
    }

    /**
     * Minidriver container map: one 86-byte record per key (UTF-16LE name, flags, reserved, signature and
     * key exchange key sizes in bits, little-endian); OpenSC 0.24+ needs a non-empty record per key.
     */
    private static byte[] containerMap() {
        byte[] map = new byte[2 * CONTAINER_RECORD];
        containerRecord(map, 0, "Legitimering", true);
        containerRecord(map, CONTAINER_RECORD, "Underskrift", false);
        return map;
    }

    private static void containerRecord(byte[] map, int offset, String name, boolean keyExchange) {
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(utf16, 0, map, offset, utf16.length);
        map[offset + 80] = keyExchange ? (byte) 0x03 : 0x01; // valid (+ default container)
        int bits = 2048;
        int sizeOffset = offset + (keyExchange ? 84 : 82);
        map[sizeOffset] = (byte) bits;
        map[sizeOffset + 1] = (byte) (bits >> 8);
    }

    /**
     * A 940's key reference map as OpenSC 0.26-0.27 reads it: 8-byte records, [0] non-zero (in use), [1] key
     * reference, [2] certificate id, [7] PIN index (1 = PIN 0x11, otherwise PIN 0x83); bytes 3-6 zero.
     */
    private static byte[] keyReferenceMap(PublishedAtr.Chip chip) {
        byte[] map = new byte[2 * KEY_REFERENCE_RECORD];
        keyRecord(map, 0, chip.authenticationKey(), 0, 1);
        keyRecord(map, KEY_REFERENCE_RECORD, chip.signatureKey(), 1, 2);
        return map;
    }

    private static void keyRecord(byte[] map, int offset, int keyReference, int certificateId, int pinIndex) {
        map[offset] = 1;
        map[offset + 1] = (byte) keyReference;
        map[offset + 2] = (byte) certificateId;
        map[offset + 7] = (byte) pinIndex;
    }
}
