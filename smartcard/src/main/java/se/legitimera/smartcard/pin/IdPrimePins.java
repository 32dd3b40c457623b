package se.legitimera.smartcard.pin;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.api.ApduTransport;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.PinFormat;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.PukSpec;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.api.UnexpectedResponseException;
import se.legitimera.smartcard.api.UnsupportedCardException;

/**
 * PIN operations by APDU on IDPrime-family cards (SITHS 840, 940, 410 and other IDPrime cards), as
 * OpenSC's idprime driver does them: SELECT the applet, then VERIFY ({@code 00 20}), CHANGE REFERENCE
 * DATA ({@code 00 24}) or RESET RETRY COUNTER ({@code 00 2C}) with ASCII digits padded to the profile's
 * length.
 *
 * <p>Not thread-safe: use it on the reader's card I/O thread, with exclusive access to the card for the
 * length of one call. Every APDU buffer that held a secret is wiped after it was sent.
 */
public final class IdPrimePins implements PinOperations {

    private static final Logger LOG = LoggerFactory.getLogger(IdPrimePins.class);

    private static final int SW_OK = 0x9000;
    private static final int SW_BLOCKED = 0x6983;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_CHANGE_REFERENCE_DATA = 0x24;
    private static final int INS_RESET_RETRY_COUNTER = 0x2C;

    private final CardProfile profile;
    private final ApduTransport transport;

    private IdPrimePins(CardProfile profile, ApduTransport transport) {
        this.profile = profile;
        this.transport = transport;
    }

    /**
     * PIN operations for a card of this profile over this transport.
     *
     * @throws UnsupportedCardException when the profile does not allow PIN APDUs (unknown card)
     */
    public static PinOperations over(CardProfile profile, ApduTransport transport) throws UnsupportedCardException {
        if (!profile.supportsPinApdus()) {
            throw new UnsupportedCardException("no PIN operations by APDU for a card of profile " + profile.id());
        }
        return new IdPrimePins(profile, transport);
    }

    @Override
    public TriesLeft triesLeft(PinKind kind) throws SmartcardException {
        PinSpec pin = profile.pin(kind).orElseThrow(() -> noSuchPin(kind));
        selectApplet();
        int sw = statusWord(transport.transmit(emptyVerify(pin.reference())));
        return counter(sw, pin.maxTries()).orElseThrow(() -> new UnexpectedResponseException("PIN status", sw));
    }

    @Override
    public Optional<TriesLeft> pukTriesLeft() throws SmartcardException {
        Optional<PukSpec> puk = profile.puk().filter(p -> p.probeReference().isPresent());
        if (puk.isEmpty()) {
            return Optional.empty();
        }
        selectApplet();
        int sw = statusWord(transport.transmit(emptyVerify(puk.get().probeReference().getAsInt())));
        Optional<TriesLeft> counter = counter(sw, puk.get().maxTries());
        if (counter.isEmpty()) {
            LOG.debug("Card of profile {} does not tell PUK tries (status {})", profile.id(), hex(sw));
        }
        return counter;
    }

    @Override
    public PinResult verify(PinKind kind, char[] pin) throws SmartcardException {
        Optional<PinSpec> spec = profile.pin(kind);
        if (spec.isEmpty()) {
            return PinResult.of(PinStatus.NOT_SUPPORTED);
        }
        PinFormat format = spec.get().format();
        if (!PinPolicy.checkExisting(pin, format).isEmpty()) {
            return PinResult.of(PinStatus.INVALID_FORMAT);
        }
        byte[] apdu = secretApdu(INS_VERIFY, spec.get().reference(), format, pin);
        return send("VERIFY", apdu, false);
    }

    @Override
    public PinResult change(PinKind kind, char[] current, char[] newPin) throws SmartcardException {
        Optional<PinSpec> spec = profile.pin(kind);
        if (spec.isEmpty()) {
            return PinResult.of(PinStatus.NOT_SUPPORTED);
        }
        PinFormat format = spec.get().format();
        if (!PinPolicy.checkExisting(current, format).isEmpty() || !fitsNew(newPin, format)) {
            return PinResult.of(PinStatus.INVALID_FORMAT);
        }
        byte[] apdu = secretApdu(INS_CHANGE_REFERENCE_DATA, spec.get().reference(), format, current, newPin);
        return send("CHANGE REFERENCE DATA", apdu, false);
    }

    @Override
    public PinResult unblock(PinKind kind, char[] puk, char[] newPin) throws SmartcardException {
        Optional<PinSpec> spec = profile.pin(kind);
        if (spec.isEmpty() || profile.puk().isEmpty()) {
            return PinResult.of(PinStatus.NOT_SUPPORTED);
        }
        PinFormat format = spec.get().format();
        PinFormat pukFormat = profile.puk().get().format();
        if (!PinPolicy.checkPuk(puk, pukFormat).isEmpty() || !fitsNew(newPin, format)) {
            return PinResult.of(PinStatus.INVALID_FORMAT);
        }
        // The PUK goes in the PIN's padding: OpenSC pads both alike, and the card splits the data in halves.
        byte[] apdu = secretApdu(INS_RESET_RETRY_COUNTER, spec.get().reference(), format, puk, newPin);
        return send("RESET RETRY COUNTER", apdu, true);
    }

    private static boolean fitsNew(char[] newPin, PinFormat format) {
        return newPin.length >= format.minLength() && newPin.length <= format.maxLength()
                && PinPolicy.checkExisting(newPin, format).isEmpty();
    }

    /** Sends a command that holds secrets, wipes it, and reads the status word as a PIN result. */
    private PinResult send(String operation, byte[] apdu, boolean checksPuk) throws SmartcardException {
        try {
            selectApplet();
            int sw = statusWord(transport.transmit(apdu));
            return result(operation, sw, checksPuk);
        } catch (CardRemovedException e) {
            LOG.info("{}: card removed during the operation", operation);
            return PinResult.of(PinStatus.CARD_REMOVED);
        } finally {
            Arrays.fill(apdu, (byte) 0);
        }
    }

    private static PinResult result(String operation, int sw, boolean checksPuk) throws UnexpectedResponseException {
        if (sw == SW_OK) {
            return PinResult.of(PinStatus.OK);
        }
        PinStatus wrong = checksPuk ? PinStatus.WRONG_PUK : PinStatus.WRONG_PIN;
        PinStatus blocked = checksPuk ? PinStatus.PUK_BLOCKED : PinStatus.PIN_BLOCKED;
        if (sw == SW_BLOCKED) {
            return PinResult.of(blocked, 0);
        }
        if ((sw & 0xFFF0) == 0x63C0) {
            int left = sw & 0x0F;
            return left == 0 ? PinResult.of(blocked, 0) : PinResult.of(wrong, left);
        }
        return switch (sw) {
            case 0x6300 -> new PinResult(wrong, OptionalInt.empty());
            case 0x6700, 0x6A80 -> PinResult.of(PinStatus.INVALID_FORMAT);
            case 0x6A88, 0x6A86 -> PinResult.of(PinStatus.NOT_SUPPORTED);
            default -> throw new UnexpectedResponseException(operation, sw);
        };
    }

    private static Optional<TriesLeft> counter(int sw, int max) {
        if (sw == SW_OK) {
            return Optional.of(new TriesLeft(max, max, true));
        }
        if (sw == SW_BLOCKED) {
            return Optional.of(TriesLeft.of(0, max));
        }
        if ((sw & 0xFFF0) == 0x63C0) {
            int left = sw & 0x0F;
            return Optional.of(TriesLeft.of(left, Math.max(left, max)));
        }
        return Optional.empty();
    }

    private void selectApplet() throws SmartcardException {
        byte[] aid = profile.applet();
        byte[] apdu = new byte[5 + aid.length];
        apdu[1] = (byte) 0xA4;
        apdu[2] = 0x04;
        apdu[3] = 0x0C; // no FCI wanted
        apdu[4] = (byte) aid.length;
        System.arraycopy(aid, 0, apdu, 5, aid.length);
        int sw = statusWord(transport.transmit(apdu));
        if (sw != SW_OK) {
            throw new UnsupportedCardException("the card has no applet of profile " + profile.id()
                    + " (status " + hex(sw) + ")");
        }
    }

    /** {@code 00 20 00 ref}: case 1, answered with the retry counter; costs no try. */
    private static byte[] emptyVerify(int reference) {
        return new byte[] {0x00, INS_VERIFY, 0x00, (byte) reference};
    }

    /**
     * A command whose data is each secret as ASCII digits padded to the format's length, or the digits one
     * after the other when the format is not padded (as OpenSC 0.24+ sends them to 3810, 830 and 930 cards).
     */
    private static byte[] secretApdu(int ins, int reference, PinFormat format, char[]... secrets) {
        int length = 0;
        for (char[] secret : secrets) {
            length += format.padded() ? format.paddedLength() : secret.length;
        }
        byte[] apdu = new byte[5 + length];
        apdu[1] = (byte) ins;
        apdu[3] = (byte) reference;
        apdu[4] = (byte) length;
        int offset = 5;
        for (char[] secret : secrets) {
            int field = format.padded() ? format.paddedLength() : secret.length;
            Arrays.fill(apdu, offset, offset + field, format.padByte());
            for (int i = 0; i < secret.length; i++) {
                apdu[offset + i] = (byte) secret[i]; // digits only, checked before
            }
            offset += field;
        }
        return apdu;
    }

    private static int statusWord(byte[] response) throws UnexpectedResponseException {
        if (response.length < 2) {
            throw new UnexpectedResponseException("response of " + response.length + " bytes", 0);
        }
        return (response[response.length - 2] & 0xFF) << 8 | response[response.length - 1] & 0xFF;
    }

    private UnsupportedCardException noSuchPin(PinKind kind) {
        return new UnsupportedCardException("a card of profile " + profile.id() + " has no " + kind + " PIN");
    }

    private static String hex(int sw) {
        return String.format("%04X", sw);
    }
}
