package se.legitimera.smartcard.idprime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.api.ApduTransport;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardDataException;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.SignatureResult;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.api.UnexpectedResponseException;
import se.legitimera.smartcard.api.UnsupportedCardException;
import se.legitimera.smartcard.pin.IdPrimePins;
import se.legitimera.smartcard.pkcs11.KeyAlgorithm;
import se.legitimera.smartcard.pkcs11.SignatureScheme;

/**
 * Certificates and signatures by APDU on IDPrime-family cards, as OpenSC's idprime driver reaches them:
 * the file index 0101 names the certificate files ({@code kxc..}/{@code ksc..}), each holds a
 * zlib-compressed certificate ({@code 01 00}, length little-endian, zlib stream) or plain DER; signing is
 * VERIFY, MSE SET ({@code 00 22 41 B6}), PSO HASH with a hash computed here ({@code 00 2A 90 A0}) and PSO
 * COMPUTE DIGITAL SIGNATURE ({@code 00 2A 9E 9A}). Which certificate has a private key, its key reference
 * and its PIN follow OpenSC 0.26-0.27: the key reference map 0005 where the profile reads it (940), else
 * the profile's rule and the container map 0204 (see {@link se.legitimera.smartcard.api.KeyReferenceRule});
 * certificates without a private key on the card are left out.
 *
 * <p>Not thread-safe: use it on the reader's card I/O thread with exclusive access to the card for the
 * length of one call, and reset the card afterwards, since a signature leaves the PIN verified (the
 * {@link se.legitimera.smartcard.api.CardMonitor} does both). {@link #certificates()} reads the card on
 * every call.
 */
public final class IdPrimeKeys implements CardKeys {

    private static final Logger LOG = LoggerFactory.getLogger(IdPrimeKeys.class);

    private static final int SW_OK = 0x9000;
    private static final int INDEX_FILE = 0x0101;
    private static final int INDEX_ENTRY = 21;
    private static final int SW_FILE_NOT_FOUND = 0x6A82;
    private static final int NAME_LENGTH = 8;
    private static final int DIRECTORY_LENGTH = 9;
    private static final int MAX_READ = 256;
    /** Larger than any certificate a card file holds; bounds what a broken length field can make us allocate. */
    private static final int MAX_CERTIFICATE = 16 * 1024;

    private final CardProfile profile;
    private final ApduTransport transport;

    private IdPrimeKeys(CardProfile profile, ApduTransport transport) {
        this.profile = profile;
        this.transport = transport;
    }

    /**
     * Keys of a card of this profile over this transport. A profile without APDU access (unknown card)
     * is accepted: its calls fail or answer NOT_SUPPORTED without sending anything.
     */
    public static IdPrimeKeys over(CardProfile profile, ApduTransport transport) {
        return new IdPrimeKeys(Objects.requireNonNull(profile, "profile"), Objects.requireNonNull(transport,
                "transport"));
    }

    @Override
    public List<CardCertificate> certificates() throws SmartcardException {
        if (!profile.supportsPinApdus()) {
            throw new UnsupportedCardException("no certificate access by APDU for a card of profile " + profile.id());
        }
        selectApplet();
        // The order OpenSC 0.24+ reads them in: container map, key reference map (940), index.
        Optional<ContainerMap> containers = optionalFile("container map", ContainerMap.FILE).map(ContainerMap::parse);
        Optional<KeyReferenceMap> keyMap = profile.keys().keyMap()
                ? optionalFile("key reference map", KeyReferenceMap.FILE).map(KeyReferenceMap::parse)
                : Optional.empty();
        if (profile.keys().keyMap() && keyMap.isEmpty()) {
            LOG.warn("Card of profile {} has no key reference map 0005; keys {}", profile.id(),
                    profile.keys().base() < 0 ? "cannot be used" : "by rule " + profile.keys());
        }
        byte[] index = readFile("file index", select(0x08, INDEX_FILE));
        int entries = index.length == 0 ? -1 : index[0] & 0xFF;
        if (entries < 0 || index.length < 1 + entries * INDEX_ENTRY) {
            throw new CardDataException("file index 0101 of " + index.length + " bytes cannot hold its entries");
        }
        List<CardCertificate> certificates = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int offset = 1 + i * INDEX_ENTRY;
            String name = text(index, offset + 4, NAME_LENGTH);
            if (!(name.startsWith("kxc") || name.startsWith("ksc"))
                    || !text(index, offset + 12, DIRECTORY_LENGTH).equals("mscp")) {
                continue;
            }
            OptionalInt certificateId = certificateId(name);
            if (certificateId.isEmpty()) {
                LOG.warn("Card of profile {}: certificate file '{}' names no certificate id; left out", profile.id(), name);
                continue;
            }
            Optional<KeyReferenceMap.Key> key = key(certificateId.getAsInt(), containers, keyMap);
            if (key.isEmpty()) {
                LOG.info("Card of profile {}: certificate '{}' has no private key on the card; left out", profile.id(),
                        name);
                continue;
            }
            int fid = (index[offset] & 0xFF) << 8 | index[offset + 1] & 0xFF;
            X509Certificate x509 = certificate(name, readFile(name, select(0x00, fid)));
            certificates.add(new CardCertificate(name, x509, key.get().reference(), pinKind(key.get().pinReference())));
        }
        return List.copyOf(certificates);
    }

    /**
     * The key of certificate {@code id} as OpenSC 0.26-0.27 find it: where the profile reads the key
     * reference map and the card has one, the map alone decides (a 940 needs no container for it);
     * otherwise a card with a container map has a key only for certificates with a container, and its
     * reference comes from the profile's rule, bound to the user PIN 0x11.
     */
    private Optional<KeyReferenceMap.Key> key(int id, Optional<ContainerMap> containers,
            Optional<KeyReferenceMap> keyMap) {
        if (keyMap.isPresent()) {
            return keyMap.get().key(id);
        }
        if (containers.isPresent() && !containers.get().hasContainer(id)) {
            return Optional.empty();
        }
        OptionalInt reference = profile.keys().computed(id);
        return reference.isPresent() ? Optional.of(new KeyReferenceMap.Key(reference.getAsInt(),
                KeyReferenceMap.USER_PIN)) : Optional.empty();
    }

    /** The profile's PIN with this reference; a reference the profile lacks still names the kind OpenSC would. */
    private PinKind pinKind(int pinReference) {
        return profile.pinByReference(pinReference).map(PinSpec::kind).orElse(
                pinReference == KeyReferenceMap.USER_PIN ? PinKind.IDENTIFICATION : PinKind.SIGNATURE);
    }

    /** The two digits after {@code kxc}/{@code ksc}: {@code kxc01} = 1. */
    private static OptionalInt certificateId(String name) {
        if (name.length() < 5 || !Character.isDigit(name.charAt(3)) || !Character.isDigit(name.charAt(4))) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((name.charAt(3) - '0') * 10 + name.charAt(4) - '0');
    }

    /** A file selected by path and read whole; empty when the card has no such file (6A82). */
    private Optional<byte[]> optionalFile(String what, int fid) throws SmartcardException {
        byte[] response = transport.transmit(new byte[] {0x00, (byte) 0xA4, 0x08, 0x00, 0x02, (byte) (fid >> 8),
                (byte) fid});
        int sw = statusWord(response);
        if (sw == SW_FILE_NOT_FOUND) {
            return Optional.empty();
        }
        byte[] fci = expectOk("SELECT " + String.format("%04X", fid), response);
        return Optional.of(readFile(what, fileSize(fci, fid)));
    }

    @Override
    public SignatureResult sign(CardCertificate certificate, SignatureScheme scheme, byte[] data, char[] pin)
            throws SmartcardException {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pin, "pin");
        if (!profile.supportsPinApdus() || scheme.keyAlgorithm() != KeyAlgorithm.RSA
                || !(certificate.x509().getPublicKey() instanceof RSAPublicKey key)
                || profile.pin(certificate.pin()).isEmpty()) {
            return SignatureResult.notSigned(PinStatus.NOT_SUPPORTED);
        }
        byte[] hash = scheme.hash().digest(data);
        PinResult verified = IdPrimePins.over(profile, transport).verify(certificate.pin(), pin);
        if (!verified.ok()) {
            return SignatureResult.notSigned(verified);
        }
        try {
            expectOk("MSE SET", transport.transmit(new byte[] {0x00, 0x22, 0x41, (byte) 0xB6, 0x06,
                    (byte) 0x80, 0x01, (byte) algorithmReference(scheme), (byte) 0x84, 0x01,
                    (byte) certificate.keyReference()}));
            byte[] hashCommand = new byte[7 + hash.length];
            System.arraycopy(new byte[] {0x00, 0x2A, (byte) 0x90, (byte) 0xA0, (byte) (2 + hash.length),
                    (byte) 0x90, (byte) hash.length}, 0, hashCommand, 0, 7);
            System.arraycopy(hash, 0, hashCommand, 7, hash.length);
            byte[] echo = expectOk("PSO HASH", transport.transmit(hashCommand));
            if (echo.length != 0 && !MessageDigest.isEqual(echo, hash)) {
                throw new CardDataException("PSO HASH: the card echoed another hash than it was given");
            }
            byte[] signature = expectOk("PSO COMPUTE DIGITAL SIGNATURE",
                    transport.transmit(new byte[] {0x00, 0x2A, (byte) 0x9E, (byte) 0x9A, 0x00}));
            int modulusBytes = (key.getModulus().bitLength() + 7) / 8;
            if (signature.length != modulusBytes) {
                throw new CardDataException("a signature of " + signature.length + " bytes from a key of "
                        + modulusBytes + " bytes");
            }
            return SignatureResult.signed(signature);
        } catch (CardRemovedException e) {
            LOG.info("Signing: card removed during the operation");
            return SignatureResult.notSigned(PinStatus.CARD_REMOVED);
        }
    }

    /** IDPrime algorithm references: the card builds DigestInfo and padding (PKCS#1 v1.5) or PSS from the hash. */
    private static int algorithmReference(SignatureScheme scheme) {
        int hash = switch (scheme.hash()) {
            case SHA256 -> 0x40;
            case SHA384 -> 0x50;
            case SHA512 -> 0x60;
        };
        return hash | (scheme.isPss() ? 0x05 : 0x02);
    }

    private void selectApplet() throws SmartcardException {
        byte[] aid = profile.applet();
        byte[] apdu = new byte[5 + aid.length];
        apdu[1] = (byte) 0xA4;
        apdu[2] = 0x04;
        apdu[3] = 0x0C;
        apdu[4] = (byte) aid.length;
        System.arraycopy(aid, 0, apdu, 5, aid.length);
        int sw = statusWord(transport.transmit(apdu));
        if (sw != SW_OK) {
            throw new UnsupportedCardException("the card has no applet of profile " + profile.id()
                    + " (status " + String.format("%04X", sw) + ")");
        }
    }

    /** SELECT with FCI ({@code P2 = 00}): by path ({@code P1 = 08}) or by file id ({@code P1 = 00}); the file size. */
    private int select(int p1, int fid) throws SmartcardException {
        byte[] fci = expectOk("SELECT " + String.format("%04X", fid),
                transport.transmit(new byte[] {0x00, (byte) 0xA4, (byte) p1, 0x00, 0x02, (byte) (fid >> 8),
                        (byte) fid}));
        return fileSize(fci, fid);
    }

    /** Tag 80 (size) inside the FCI template 62 or 6F. */
    private static int fileSize(byte[] fci, int fid) throws CardDataException {
        if (fci.length >= 2 && (fci[0] == 0x62 || fci[0] == 0x6F) && (fci[1] & 0xFF) <= fci.length - 2) {
            int end = 2 + (fci[1] & 0xFF);
            for (int i = 2; i + 1 < end; i += 2 + (fci[i + 1] & 0xFF)) {
                int length = fci[i + 1] & 0xFF;
                if ((fci[i] & 0xFF) == 0x80 && length >= 1 && length <= 2 && i + 2 + length <= end) {
                    return length == 1 ? fci[i + 2] & 0xFF : (fci[i + 2] & 0xFF) << 8 | fci[i + 3] & 0xFF;
                }
            }
        }
        throw new CardDataException(String.format("SELECT %04X: no file size in the answer", fid));
    }

    /** READ BINARY of the selected file in chunks of at most 256 bytes; short reads are followed up. */
    private byte[] readFile(String what, int size) throws SmartcardException {
        byte[] file = new byte[size];
        int offset = 0;
        while (offset < size) {
            int wanted = Math.min(MAX_READ, size - offset);
            byte[] chunk = expectOk("READ BINARY " + what, transport.transmit(new byte[] {0x00, (byte) 0xB0,
                    (byte) (offset >> 8), (byte) offset, (byte) wanted}));
            if (chunk.length == 0 || chunk.length > wanted) {
                throw new CardDataException("READ BINARY " + what + ": " + chunk.length + " bytes at offset "
                        + offset + " of " + size);
            }
            System.arraycopy(chunk, 0, file, offset, chunk.length);
            offset += chunk.length;
        }
        return file;
    }

    /** A certificate file: {@code 01 00}, uncompressed length (little-endian), zlib stream; or plain DER. */
    private static X509Certificate certificate(String name, byte[] file) throws CardDataException {
        byte[] der = file.length > 0 && file[0] == 0x30 ? file : inflate(name, file);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CardDataException("certificate file '" + name + "' holds no X.509 certificate", e);
        }
    }

    private static byte[] inflate(String name, byte[] file) throws CardDataException {
        if (file.length < 4 || file[0] != 0x01 || file[1] != 0x00) {
            throw new CardDataException("certificate file '" + name + "' is neither compressed nor DER");
        }
        int length = file[2] & 0xFF | (file[3] & 0xFF) << 8;
        if (length == 0 || length > MAX_CERTIFICATE) {
            throw new CardDataException("certificate file '" + name + "' announces " + length + " bytes");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(file, 4, file.length - 4);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length);
            byte[] buffer = new byte[1024];
            while (!inflater.finished() && out.size() <= length) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            if (!inflater.finished() || out.size() != length) {
                throw new CardDataException("certificate file '" + name + "' inflates to " + out.size()
                        + " bytes, not the " + length + " it announces");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new CardDataException("certificate file '" + name + "' is not a zlib stream", e);
        } finally {
            inflater.end();
        }
    }

    private static String text(byte[] index, int offset, int length) {
        int end = offset;
        while (end < offset + length && index[end] != 0) {
            end++;
        }
        return new String(index, offset, end - offset, StandardCharsets.US_ASCII);
    }

    /** The response's data when its status word is 9000. */
    private static byte[] expectOk(String operation, byte[] response) throws UnexpectedResponseException {
        int sw = statusWord(response);
        if (sw != SW_OK) {
            throw new UnexpectedResponseException(operation, sw);
        }
        return Arrays.copyOf(response, response.length - 2);
    }

    private static int statusWord(byte[] response) throws UnexpectedResponseException {
        if (response.length < 2) {
            throw new UnexpectedResponseException("response of " + response.length + " bytes", 0);
        }
        return (response[response.length - 2] & 0xFF) << 8 | response[response.length - 1] & 0xFF;
    }
}
