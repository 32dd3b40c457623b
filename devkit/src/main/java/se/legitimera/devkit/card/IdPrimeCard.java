package se.legitimera.devkit.card;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.legitimera.devkit.pki.Holder;

/** The IDPrime applet of a {@link VirtualSithsCard}: parses and answers APDUs against a {@link CardState}. */
final class IdPrimeCard implements VirtualSithsCard {

    private static final Logger LOG = LoggerFactory.getLogger(IdPrimeCard.class);
    private static final byte[] APPLET_AID = HexFormat.of().parseHex("A000000018800000000662");
    /** What GET DATA DF30 answers; made up (the format of a real card's version string is not known to us). */
    private static final String APPLET_VERSION = "Legitimera virtual IDPrime 4.0";
    private static final int PIN_FIELD = 16;
    private static final int MIN_PIN = 4;
    private static final int MIN_NEW_PIN = 6;

    private static final int SW_OK = 0x9000;
    private static final int SW_WRONG_LENGTH = 0x6700;
    private static final int SW_SECURITY_NOT_SATISFIED = 0x6982;
    private static final int SW_CONDITIONS_NOT_SATISFIED = 0x6985;
    private static final int SW_NO_CURRENT_EF = 0x6986;
    private static final int SW_WRONG_DATA = 0x6A80;
    private static final int SW_FUNCTION_NOT_SUPPORTED = 0x6A81;
    private static final int SW_FILE_NOT_FOUND = 0x6A82;
    private static final int SW_WRONG_P1P2 = 0x6A86;
    private static final int SW_REFERENCE_NOT_FOUND = 0x6A88;
    private static final int SW_OFFSET_OUTSIDE = 0x6B00;
    private static final int SW_CHAINING_NOT_SUPPORTED = 0x6884;
    private static final int SW_INS_NOT_SUPPORTED = 0x6D00;
    private static final int SW_CLA_NOT_SUPPORTED = 0x6E00;

    private final CardState state;
    private final SecureRandom random;
    private final boolean createdNow;
    private final PublishedAtr atr;
    private final IdPrimeFiles files;
    private final List<ApduListener> listeners = new CopyOnWriteArrayList<>();
    private final long[] counts = new long[256];

    // session state, cleared by power off and reset
    private boolean powered;
    private int currentFile = -1;
    private SignatureAlgorithm algorithm;
    private int keyReference = -1;
    private byte[] hashInput;

    IdPrimeCard(CardState state, SecureRandom random, boolean createdNow, PublishedAtr atr) {
        this.state = state;
        this.random = random;
        this.createdNow = createdNow;
        this.atr = atr;
        this.files = new IdPrimeFiles(state.cardId(), state.certificates(), TOKEN_LABEL, atr.chip());
    }

    @Override
    public PublishedAtr presentedAtr() {
        return atr;
    }

    @Override
    public synchronized byte[] powerOn() {
        clearSession();
        powered = true;
        return atr.bytes();
    }

    @Override
    public synchronized void powerOff() {
        clearSession();
        powered = false;
    }

    @Override
    public synchronized byte[] reset() {
        return powerOn();
    }

    @Override
    public synchronized boolean isPoweredOn() {
        return powered;
    }

    private void clearSession() {
        state.identificationPin.forgetVerification();
        state.signaturePin.forgetVerification();
        currentFile = -1;
        algorithm = null;
        keyReference = -1;
        hashInput = null;
    }

    @Override
    public byte[] transmit(byte[] command) {
        byte[] response;
        ApduEvent event;
        synchronized (this) {
            if (!powered) {
                throw new IllegalStateException("the virtual card is powered off");
            }
            response = answer(command);
            int statusWord = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
            event = command.length < 4 ? new ApduEvent(-1, -1, -1, -1, command.length, statusWord)
                    : new ApduEvent(command[0] & 0xFF, command[1] & 0xFF, command[2] & 0xFF, command[3] & 0xFF,
                    command.length > 5 ? command[4] & 0xFF : 0, statusWord);
            if (command.length >= 2) {
                counts[command[1] & 0xFF]++;
            }
        }
        LOG.debug("APDU {}", event);
        for (ApduListener listener : listeners) {
            listener.answered(event);
        }
        return response;
    }

    private byte[] answer(byte[] bytes) {
        Command command = Command.parse(bytes);
        if (command == null) {
            return status(SW_WRONG_LENGTH);
        }
        try {
            if ((command.cla() & 0x10) != 0) {
                return status(SW_CHAINING_NOT_SUPPORTED);
            }
            if (command.cla() != 0x00) {
                return status(SW_CLA_NOT_SUPPORTED);
            }
            return switch (command.ins()) {
                case 0xA4 -> select(command);
                case 0xB0 -> readBinary(command);
                case 0xCA -> getData(command);
                case 0x84 -> getChallenge(command);
                case 0x20 -> verify(command);
                case 0x24 -> changeReferenceData(command);
                case 0x2C -> resetRetryCounter(command);
                case 0x22 -> manageSecurityEnvironment(command);
                case 0x2A -> performSecurityOperation(command);
                case 0xC0 -> status(SW_CONDITIONS_NOT_SATISFIED);
                default -> status(SW_INS_NOT_SUPPORTED);
            };
        } finally {
            command.wipe();
        }
    }

    private byte[] select(Command command) {
        byte[] data = command.data();
        if (command.p1() == 0x04) {
            if (!Arrays.equals(data, APPLET_AID)) {
                return status(SW_FILE_NOT_FOUND);
            }
            currentFile = -1;
            if (command.p2() == 0x0C) {
                return status(SW_OK);
            }
            byte[] fci = new byte[2 + 2 + APPLET_AID.length];
            fci[0] = 0x6F;
            fci[1] = (byte) (2 + APPLET_AID.length);
            fci[2] = (byte) 0x84;
            fci[3] = (byte) APPLET_AID.length;
            System.arraycopy(APPLET_AID, 0, fci, 4, APPLET_AID.length);
            return withStatus(fci, SW_OK);
        }
        if (command.p1() != 0x00 && command.p1() != 0x08) {
            return status(SW_WRONG_P1P2);
        }
        if (data.length < 2 || data.length % 2 != 0) {
            return status(SW_WRONG_LENGTH);
        }
        // a path from the MF may start with 3F00; the applet's files are one level deep
        int start = data.length >= 4 && data[0] == 0x3F && data[1] == 0x00 ? 2 : 0;
        if (data.length - start != 2) {
            return status(SW_FILE_NOT_FOUND);
        }
        int fid = ((data[start] & 0xFF) << 8) | (data[start + 1] & 0xFF);
        if (files.file(fid) == null) {
            return status(SW_FILE_NOT_FOUND);
        }
        currentFile = fid;
        return command.p2() == 0x0C ? status(SW_OK) : withStatus(files.controlInformation(fid), SW_OK);
    }

    private byte[] readBinary(Command command) {
        if ((command.p1() & 0x80) != 0) {
            return status(SW_FUNCTION_NOT_SUPPORTED);
        }
        if (currentFile < 0) {
            return status(SW_NO_CURRENT_EF);
        }
        byte[] file = files.file(currentFile);
        int offset = (command.p1() << 8) | command.p2();
        if (offset >= file.length) {
            return status(SW_OFFSET_OUTSIDE);
        }
        int length = Math.min(command.expectedLength(), file.length - offset);
        return withStatus(Arrays.copyOfRange(file, offset, offset + length), SW_OK);
    }

    private byte[] getData(Command command) {
        if (command.p1() == 0x9F && command.p2() == 0x7F) {
            return withStatus(cplc(), SW_OK);
        }
        if (command.p1() == 0xDF && command.p2() == 0x30) {
            return withStatus(appletVersion(), SW_OK);
        }
        return status(SW_REFERENCE_NOT_FOUND);
    }

    /**
     * Proprietary GET DATA DF30, which OpenSC 0.25+ asks and logs: BER-TLV {@code DF 30 L} with the applet
     * version as ASCII; OpenSC wants at least 10 bytes and L = the rest.
     */
    private static byte[] appletVersion() {
        byte[] version = APPLET_VERSION.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] answer = new byte[3 + version.length];
        answer[0] = (byte) 0xDF;
        answer[1] = 0x30;
        answer[2] = (byte) version.length;
        System.arraycopy(version, 0, answer, 3, version.length);
        return answer;
    }

    /** Tag 9F7F, 42 CPLC bytes: byte 8 of the CPLC (11 of the answer) is the OS release level, 04 = OSv4. */
    private byte[] cplc() {
        byte[] cardId = state.cardId();
        byte[] answer = new byte[45];
        answer[0] = (byte) 0x9F;
        answer[1] = 0x7F;
        answer[2] = 0x2A;
        // IC fabricator, IC type, OS id, OS release date (made-up values), OS release level 0400
        System.arraycopy(HexFormat.of().parseHex("47905168479021210400"), 0, answer, 3, 10);
        System.arraycopy(cardId, 0, answer, 3 + 12, 4); // IC serial number
        return answer;
    }

    private byte[] getChallenge(Command command) {
        byte[] challenge = new byte[command.expectedLength()];
        random.nextBytes(challenge);
        return withStatus(challenge, SW_OK);
    }

    private byte[] verify(Command command) {
        if (command.p1() != 0x00) {
            return status(SW_WRONG_P1P2);
        }
        PinObject pin = state.pin(command.p2());
        if (pin == null) {
            return status(SW_REFERENCE_NOT_FOUND);
        }
        if (command.data().length == 0) {
            if (pin.blocked()) {
                return status(0x6983);
            }
            return status(pin.verified() ? SW_OK : pin.triesStatus());
        }
        if (pin == state.puk) {
            return status(SW_CONDITIONS_NOT_SATISFIED);
        }
        if (pin.blocked()) {
            return status(0x6983);
        }
        byte[] candidate = pinField(command.data(), 0, MIN_PIN);
        if (candidate == null) {
            return status(SW_WRONG_DATA);
        }
        try {
            boolean matches = pin.check(candidate);
            state.saveCounters();
            if (!matches) {
                return status(pin.triesStatus());
            }
            pin.markVerified();
            return status(SW_OK);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    private byte[] changeReferenceData(Command command) {
        if (command.p1() != 0x00) {
            return status(SW_WRONG_P1P2);
        }
        PinObject pin = state.pin(command.p2());
        if (pin == null) {
            return status(SW_REFERENCE_NOT_FOUND);
        }
        if (pin == state.puk) {
            return status(SW_CONDITIONS_NOT_SATISFIED);
        }
        if (command.data().length != 2 * PIN_FIELD) {
            return status(SW_WRONG_LENGTH);
        }
        if (pin.blocked()) {
            return status(0x6983);
        }
        byte[] old = pinField(command.data(), 0, MIN_PIN);
        byte[] replacement = pinField(command.data(), PIN_FIELD, MIN_NEW_PIN);
        try {
            if (old == null || replacement == null) {
                return status(SW_WRONG_DATA);
            }
            boolean matches = pin.check(old);
            if (matches) {
                pin.replace(replacement);
                pin.markVerified();
            }
            state.saveCounters();
            return status(matches ? SW_OK : pin.triesStatus());
        } finally {
            wipe(old);
            wipe(replacement);
        }
    }

    private byte[] resetRetryCounter(Command command) {
        if (command.p1() != 0x00) {
            return status(SW_WRONG_P1P2);
        }
        PinObject pin = state.pin(command.p2());
        if (pin == null || pin == state.puk) {
            return status(SW_REFERENCE_NOT_FOUND);
        }
        if (command.data().length != 2 * PIN_FIELD) {
            return status(SW_WRONG_LENGTH);
        }
        if (state.puk.blocked()) {
            return status(0x6983);
        }
        byte[] puk = pinField(command.data(), 0, MIN_PIN);
        byte[] replacement = pinField(command.data(), PIN_FIELD, MIN_NEW_PIN);
        try {
            if (puk == null || replacement == null) {
                return status(SW_WRONG_DATA);
            }
            boolean matches = state.puk.check(puk);
            if (matches) {
                pin.replace(replacement);
                pin.forgetVerification();
            }
            state.saveCounters();
            return status(matches ? SW_OK : state.puk.triesStatus());
        } finally {
            wipe(puk);
            wipe(replacement);
        }
    }

    private byte[] manageSecurityEnvironment(Command command) {
        if (command.p1() != 0x41) {
            return status(SW_WRONG_P1P2);
        }
        if (command.p2() == 0xB8) {
            return status(SW_FUNCTION_NOT_SUPPORTED); // deciphering is not implemented
        }
        if (command.p2() != 0xB6) {
            return status(SW_WRONG_P1P2);
        }
        int algorithmReference = -1;
        int key = -1;
        byte[] data = command.data();
        for (int i = 0; i + 1 < data.length; ) {
            int tag = data[i] & 0xFF;
            int length = data[i + 1] & 0xFF;
            if (i + 2 + length > data.length) {
                return status(SW_WRONG_DATA);
            }
            if (length == 1 && tag == 0x80) {
                algorithmReference = data[i + 2] & 0xFF;
            } else if (length == 1 && tag == 0x84) {
                key = data[i + 2] & 0xFF;
            }
            i += 2 + length;
        }
        if (key != atr.chip().authenticationKey() && key != atr.chip().signatureKey()) {
            return status(SW_REFERENCE_NOT_FOUND);
        }
        SignatureAlgorithm chosen = SignatureAlgorithm.byReference(algorithmReference);
        if (chosen == null) {
            return status(SW_WRONG_DATA);
        }
        algorithm = chosen;
        keyReference = key;
        hashInput = null;
        return status(SW_OK);
    }

    private byte[] performSecurityOperation(Command command) {
        int operation = (command.p1() << 8) | command.p2();
        if (operation == 0x90A0) {
            return hash(command.data());
        }
        if (operation == 0x9E9A) {
            return computeDigitalSignature();
        }
        if (operation == 0x8086) {
            return status(SW_FUNCTION_NOT_SUPPORTED);
        }
        return status(SW_WRONG_P1P2);
    }

    /** PSO HASH with a hash computed outside the card: {@code 90 n hash}, echoed back. */
    private byte[] hash(byte[] data) {
        if (algorithm == null) {
            return status(SW_CONDITIONS_NOT_SATISFIED);
        }
        if (data.length < 2 || (data[0] & 0xFF) != 0x90 || (data[1] & 0xFF) != data.length - 2) {
            return status(SW_WRONG_DATA);
        }
        byte[] input = Arrays.copyOfRange(data, 2, data.length);
        if (!algorithm.accepts(input, key())) {
            return status(SW_WRONG_LENGTH);
        }
        hashInput = input;
        return withStatus(input, SW_OK);
    }

    private byte[] computeDigitalSignature() {
        if (algorithm == null || hashInput == null) {
            return status(SW_CONDITIONS_NOT_SATISFIED);
        }
        PinObject required = keyReference == atr.chip().signatureKey() && atr.chip().keyMap() ? state.signaturePin
                : state.identificationPin;
        if (!required.verified()) {
            return status(SW_SECURITY_NOT_SATISFIED);
        }
        try {
            byte[] signature = algorithm.sign(key(), hashInput, random);
            hashInput = null;
            return withStatus(signature, SW_OK);
        } catch (GeneralSecurityException e) {
            LOG.warn("virtual card could not sign", e);
            return status(0x6F00);
        }
    }

    private PrivateKey key() {
        return keyReference == atr.chip().signatureKey() ? state.signatureKey() : state.authenticationKey();
    }

    /**
     * The digits of a 16-byte PIN field (ASCII digits, then 00 padding) at {@code offset}, or null when the
     * field is malformed or has fewer than {@code minimum} digits. A VERIFY body may also be exactly 16 bytes.
     */
    private static byte[] pinField(byte[] data, int offset, int minimum) {
        if (data.length < offset + PIN_FIELD) {
            return null;
        }
        int digits = 0;
        while (digits < PIN_FIELD && data[offset + digits] != 0) {
            byte b = data[offset + digits];
            if (b < '0' || b > '9') {
                return null;
            }
            digits++;
        }
        for (int i = digits; i < PIN_FIELD; i++) {
            if (data[offset + i] != 0) {
                return null;
            }
        }
        if (digits < minimum) {
            return null;
        }
        return Arrays.copyOfRange(data, offset, offset + digits);
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] status(int statusWord) {
        return new byte[] {(byte) (statusWord >> 8), (byte) statusWord};
    }

    private static byte[] withStatus(byte[] data, int statusWord) {
        byte[] response = Arrays.copyOf(data, data.length + 2);
        response[data.length] = (byte) (statusWord >> 8);
        response[data.length + 1] = (byte) statusWord;
        return response;
    }

    @Override
    public void addListener(ApduListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ApduListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized long commandCount(int ins) {
        return counts[ins & 0xFF];
    }

    @Override
    public Holder holder() {
        return state.holder();
    }

    @Override
    public X509Certificate authenticationCertificate() {
        return state.certificates().authentication();
    }

    @Override
    public X509Certificate signatureCertificate() {
        return state.certificates().signature();
    }

    @Override
    public String serialNumber() {
        return HexFormat.of().formatHex(state.cardId());
    }

    @Override
    public synchronized int triesLeft(int reference) {
        PinObject pin = state.pin(reference);
        if (pin == null) {
            throw new IllegalArgumentException(String.format("no PIN with reference %02X", reference));
        }
        return pin.triesLeft();
    }

    @Override
    public synchronized CardSecrets secrets() {
        char[] identification = state.identificationPin.valueChars();
        char[] signature = state.signaturePin.valueChars();
        char[] puk = state.puk.valueChars();
        try {
            return new CardSecrets(identification, signature, puk);
        } finally {
            Arrays.fill(identification, '\0');
            Arrays.fill(signature, '\0');
            Arrays.fill(puk, '\0');
        }
    }

    @Override
    public boolean createdNow() {
        return createdNow;
    }

    @Override
    public String toString() {
        return "VirtualSithsCard[" + state.holder().hsaId() + ", " + serialNumber() + ", " + atr + "]";
    }

    /**
     * A short command APDU as T=0 delivers it: case 1 (4 bytes, or 5 with P3 = 00), case 2 (P3 = Le),
     * case 3 (P3 = Lc, data) or case 4 (data with or without a trailing Le).
     */
    private record Command(int cla, int ins, int p1, int p2, byte[] data, int expectedLength) {

        static Command parse(byte[] apdu) {
            if (apdu.length < 4) {
                return null;
            }
            int cla = apdu[0] & 0xFF;
            int ins = apdu[1] & 0xFF;
            int p1 = apdu[2] & 0xFF;
            int p2 = apdu[3] & 0xFF;
            if (apdu.length == 4) {
                return new Command(cla, ins, p1, p2, new byte[0], 256);
            }
            int p3 = apdu[4] & 0xFF;
            if (apdu.length == 5) {
                return new Command(cla, ins, p1, p2, new byte[0], p3 == 0 ? 256 : p3);
            }
            if (apdu.length == 5 + p3 || apdu.length == 6 + p3) {
                int le = apdu.length == 6 + p3 ? apdu[5 + p3] & 0xFF : 0;
                return new Command(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, 5 + p3), le == 0 ? 256 : le);
            }
            return null;
        }

        void wipe() {
            Arrays.fill(data, (byte) 0);
        }
    }
}
