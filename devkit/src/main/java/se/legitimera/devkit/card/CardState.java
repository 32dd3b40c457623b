package se.legitimera.devkit.card;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.PemFiles;
import se.legitimera.devkit.pki.PersonCertificates;
import se.legitimera.devkit.pki.TestPki;

/**
 * Everything the virtual card remembers across power cycles and runs, and its state folder:
 * {@code card.properties} (card id, holder, retry counters), {@code secrets} (PINs and PUK as
 * "ref=digits" lines; a test card, so in clear), {@code auth.key}/{@code auth.crt},
 * {@code sign.key}/{@code sign.crt} (PEM). {@code card.properties} is written last and marks a complete card.
 */
final class CardState {

    private static final Logger LOG = LoggerFactory.getLogger(CardState.class);
    private static final String PROPERTIES = "card.properties";
    private static final String SECRETS = "secrets";
    private static final String AUTH_KEY = "auth.key";
    private static final String AUTH_CERT = "auth.crt";
    private static final String SIGN_KEY = "sign.key";
    private static final String SIGN_CERT = "sign.crt";
    private static final List<String> FILES = List.of(PROPERTIES, SECRETS, AUTH_KEY, AUTH_CERT, SIGN_KEY, SIGN_CERT);
    static final int PIN_TRIES = 3;
    static final int PUK_TRIES = 10;

    private final Optional<Path> folder;
    private final Holder holder;
    private final byte[] cardId;
    private final KeyPair authKeys;
    private final KeyPair signKeys;
    private PersonCertificates certificates;
    final PinObject identificationPin;
    final PinObject signaturePin;
    final PinObject puk;

    private CardState(Optional<Path> folder, Holder holder, byte[] cardId, KeyPair authKeys, KeyPair signKeys,
                      PersonCertificates certificates, PinObject identificationPin, PinObject signaturePin,
                      PinObject puk) {
        this.folder = folder;
        this.holder = holder;
        this.cardId = cardId;
        this.authKeys = authKeys;
        this.signKeys = signKeys;
        this.certificates = certificates;
        this.identificationPin = identificationPin;
        this.signaturePin = signaturePin;
        this.puk = puk;
    }

    static CardState create(Optional<Path> folder, TestPki pki, Holder holder, SecureRandom random) {
        char[] identification = randomDigits(random, 6, null);
        char[] signature = randomDigits(random, 6, identification);
        char[] puk = randomDigits(random, 8, null);
        try {
            return create(folder, pki, holder, random, identification, signature, puk);
        } finally {
            Arrays.fill(identification, '\0');
            Arrays.fill(signature, '\0');
            Arrays.fill(puk, '\0');
        }
    }

    static CardState create(Optional<Path> folder, TestPki pki, Holder holder, SecureRandom random,
                            char[] identification, char[] signature, char[] pukValue) {
        KeyPair authKeys = rsaKeyPair(random);
        KeyPair signKeys = rsaKeyPair(random);
        byte[] cardId = new byte[16];
        random.nextBytes(cardId);
        CardState state = new CardState(folder, holder, cardId, authKeys, signKeys,
                pki.issuePerson(holder, authKeys.getPublic(), signKeys.getPublic()),
                pin(VirtualSithsCard.IDENTIFICATION_PIN, PIN_TRIES, identification, PIN_TRIES),
                pin(VirtualSithsCard.SIGNATURE_PIN, PIN_TRIES, signature, PIN_TRIES),
                pin(VirtualSithsCard.PUK, PUK_TRIES, pukValue, PUK_TRIES));
        state.saveAll();
        return state;
    }

    static Optional<CardState> load(Path folder) {
        if (!Files.exists(folder.resolve(PROPERTIES))) {
            return Optional.empty();
        }
        byte[] secrets = null;
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(folder.resolve(PROPERTIES))));
            secrets = Files.readAllBytes(folder.resolve(SECRETS));
            Holder holder = new Holder(properties.getProperty("holder.givenName"), properties.getProperty("holder.surname"),
                    properties.getProperty("holder.hsaId"), properties.getProperty("holder.upn"),
                    Optional.ofNullable(properties.getProperty("holder.personalIdentityNumber")),
                    Optional.ofNullable(properties.getProperty("holder.email")));
            KeyPair authKeys = keyPair(PemFiles.readPrivateKey(folder.resolve(AUTH_KEY)));
            KeyPair signKeys = keyPair(PemFiles.readPrivateKey(folder.resolve(SIGN_KEY)));
            PersonCertificates certificates = new PersonCertificates(
                    PemFiles.readCertificate(folder.resolve(AUTH_CERT)), PemFiles.readCertificate(folder.resolve(SIGN_CERT)));
            return Optional.of(new CardState(Optional.of(folder), holder,
                    HexFormat.of().parseHex(properties.getProperty("cardId")), authKeys, signKeys, certificates,
                    storedPin(secrets, VirtualSithsCard.IDENTIFICATION_PIN, PIN_TRIES, tries(properties, "tries.11")),
                    storedPin(secrets, VirtualSithsCard.SIGNATURE_PIN, PIN_TRIES, tries(properties, "tries.83")),
                    storedPin(secrets, VirtualSithsCard.PUK, PUK_TRIES, tries(properties, "tries.81"))));
        } catch (IOException | RuntimeException e) {
            throw new VirtualCardException("cannot load the virtual card from " + folder, e);
        } finally {
            if (secrets != null) {
                Arrays.fill(secrets, (byte) 0);
            }
        }
    }

    static void delete(Path folder) {
        try {
            for (String name : FILES) {
                Files.deleteIfExists(folder.resolve(name));
            }
        } catch (IOException e) {
            throw new VirtualCardException("cannot delete the virtual card in " + folder, e);
        }
    }

    /** Re-issues the certificates for the same keys when they do not chain to this PKI (another folder). */
    void certifyBy(TestPki pki) {
        try {
            certificates.authentication().verify(pki.issuingCertificate().getPublicKey());
            certificates.signature().verify(pki.issuingCertificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            LOG.info("virtual card certificates were not issued by {}; issuing new ones for the same keys",
                    pki.issuingCertificate().getSubjectX500Principal().getName());
            certificates = pki.issuePerson(holder, authKeys.getPublic(), signKeys.getPublic());
            saveAll();
        }
    }

    Holder holder() {
        return holder;
    }

    byte[] cardId() {
        return cardId.clone();
    }

    PersonCertificates certificates() {
        return certificates;
    }

    PrivateKey authenticationKey() {
        return authKeys.getPrivate();
    }

    PrivateKey signatureKey() {
        return signKeys.getPrivate();
    }

    PinObject pin(int reference) {
        return switch (reference) {
            case VirtualSithsCard.IDENTIFICATION_PIN -> identificationPin;
            case VirtualSithsCard.SIGNATURE_PIN -> signaturePin;
            case VirtualSithsCard.PUK -> puk;
            default -> null;
        };
    }

    /** Saves counters and secrets (after every PIN command that changed them). */
    void saveCounters() {
        if (folder.isEmpty()) {
            return;
        }
        Path dir = folder.get();
        byte[] secrets = secretsFile();
        try {
            writeAtomically(dir.resolve(SECRETS), secrets);
        } finally {
            Arrays.fill(secrets, (byte) 0);
        }
        Properties properties = new Properties();
        properties.setProperty("cardId", HexFormat.of().formatHex(cardId));
        properties.setProperty("holder.givenName", holder.givenName());
        properties.setProperty("holder.surname", holder.surname());
        properties.setProperty("holder.hsaId", holder.hsaId());
        properties.setProperty("holder.upn", holder.upn());
        holder.personalIdentityNumber().ifPresent(number -> properties.setProperty("holder.personalIdentityNumber", number));
        holder.email().ifPresent(address -> properties.setProperty("holder.email", address));
        properties.setProperty("tries.11", Integer.toString(identificationPin.triesLeft()));
        properties.setProperty("tries.83", Integer.toString(signaturePin.triesLeft()));
        properties.setProperty("tries.81", Integer.toString(puk.triesLeft()));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Legitimera virtual SITHS card (test card)");
        } catch (IOException e) {
            throw new VirtualCardException("cannot write card properties", e);
        }
        PemFiles.writeAtomically(dir.resolve(PROPERTIES), text.toString());
    }

    private void saveAll() {
        if (folder.isEmpty()) {
            return;
        }
        Path dir = folder.get();
        PemFiles.writePrivateKey(dir.resolve(AUTH_KEY), authKeys.getPrivate());
        PemFiles.writePrivateKey(dir.resolve(SIGN_KEY), signKeys.getPrivate());
        PemFiles.writeCertificate(dir.resolve(AUTH_CERT), certificates.authentication());
        PemFiles.writeCertificate(dir.resolve(SIGN_CERT), certificates.signature());
        saveCounters();
    }

    private byte[] secretsFile() {
        byte[] file = new byte[0];
        for (PinObject pin : List.of(identificationPin, signaturePin, puk)) {
            byte[] value = pin.valueBytes();
            byte[] line = new byte[3 + value.length + 1];
            System.arraycopy(HexFormat.of().withUpperCase().formatHex(new byte[] {(byte) pin.reference()})
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, line, 0, 2);
            line[2] = '=';
            System.arraycopy(value, 0, line, 3, value.length);
            line[line.length - 1] = '\n';
            byte[] joined = Arrays.copyOf(file, file.length + line.length);
            System.arraycopy(line, 0, joined, file.length, line.length);
            Arrays.fill(file, (byte) 0);
            Arrays.fill(value, (byte) 0);
            Arrays.fill(line, (byte) 0);
            file = joined;
        }
        return file;
    }

    private static PinObject storedPin(byte[] secrets, int reference, int maxTries, int triesLeft) {
        byte[] prefix = (HexFormat.of().withUpperCase().formatHex(new byte[] {(byte) reference}) + "=")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int start = 0;
        while (start < secrets.length) {
            int end = start;
            while (end < secrets.length && secrets[end] != '\n') {
                end++;
            }
            if (end - start > prefix.length
                    && Arrays.equals(secrets, start, start + prefix.length, prefix, 0, prefix.length)) {
                byte[] value = Arrays.copyOfRange(secrets, start + prefix.length, end);
                try {
                    return new PinObject(reference, maxTries, value, triesLeft);
                } finally {
                    Arrays.fill(value, (byte) 0);
                }
            }
            start = end + 1;
        }
        throw new IllegalStateException(String.format("no secret for reference %02X in the state", reference));
    }

    private static int tries(Properties properties, String key) {
        return Integer.parseInt(properties.getProperty(key));
    }

    private static PinObject pin(int reference, int maxTries, char[] digits, int triesLeft) {
        byte[] value = new byte[digits.length];
        for (int i = 0; i < digits.length; i++) {
            value[i] = (byte) digits[i];
        }
        try {
            return new PinObject(reference, maxTries, value, triesLeft);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    /** Random digits that are not trivially guessable (one repeated digit, a run up or down) nor equal to {@code other}. */
    static char[] randomDigits(SecureRandom random, int length, char[] other) {
        while (true) {
            char[] digits = new char[length];
            for (int i = 0; i < length; i++) {
                digits[i] = (char) ('0' + random.nextInt(10));
            }
            if (!isTrivial(digits) && !Arrays.equals(digits, other)) {
                return digits;
            }
            Arrays.fill(digits, '\0');
        }
    }

    static boolean isTrivial(char[] digits) {
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < digits.length; i++) {
            same &= digits[i] == digits[i - 1];
            up &= digits[i] == (char) ('0' + (digits[i - 1] - '0' + 1) % 10);
            down &= digits[i] == (char) ('0' + (digits[i - 1] - '0' + 9) % 10);
        }
        return same || up || down;
    }

    private static KeyPair rsaKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new VirtualCardException("cannot generate an RSA key", e);
        }
    }

    private static KeyPair keyPair(PrivateKey key) throws IOException {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IOException("card keys must be RSA CRT keys");
        }
        try {
            return new KeyPair(KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())), key);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void writeAtomically(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(temporary, content);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new VirtualCardException("cannot write " + file, e);
        }
    }
}
