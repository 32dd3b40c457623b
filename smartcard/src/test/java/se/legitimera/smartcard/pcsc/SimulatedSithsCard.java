package se.legitimera.smartcard.pcsc;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of an IDPrime 940 for monitor tests: applet select, PIN counters for 0x11 and 0x83, PUK
 * counter at 0x81, VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER with 16-byte padded values.
 */
final class SimulatedSithsCard {

    static final byte[] ATR_940 = HexFormat.of().parseHex("3B7F96000080318065B0855956FB120FFE829000");
    private static final byte[] AID = HexFormat.of().parseHex("A000000018800000000662");

    private final byte[][] pins = new byte[0x100][];
    private final int[] tries = new int[0x100];
    private byte[] puk = pad("12345678");
    private int pukTries = 10;
    private boolean selected;
    final AtomicInteger verifiesWithData = new AtomicInteger();
    final AtomicInteger apdus = new AtomicInteger();

    SimulatedSithsCard(String identificationPin, String signaturePin) {
        pins[0x11] = pad(identificationPin);
        pins[0x83] = pad(signaturePin);
        tries[0x11] = 3;
        tries[0x83] = 3;
    }

    synchronized void reset() {
        selected = false;
    }

    synchronized byte[] transmit(byte[] apdu) {
        apdus.incrementAndGet();
        int ins = apdu[1] & 0xFF;
        int ref = apdu[3] & 0xFF;
        byte[] data = apdu.length > 5 ? Arrays.copyOfRange(apdu, 5, 5 + (apdu[4] & 0xFF)) : new byte[0];
        if (ins == 0xA4) {
            selected = Arrays.equals(data, AID);
            return sw(selected ? 0x9000 : 0x6A82);
        }
        if (!selected) {
            return sw(0x6985);
        }
        return switch (ins) {
            case 0x20 -> verify(ref, data);
            case 0x24 -> change(ref, data);
            case 0x2C -> unblock(ref, data);
            default -> sw(0x6D00);
        };
    }

    private byte[] verify(int ref, byte[] data) {
        if (ref == 0x81 && data.length == 0) {
            return pukTries == 0 ? sw(0x6983) : sw(0x63C0 | pukTries);
        }
        if (pins[ref] == null) {
            return sw(0x6A88);
        }
        if (data.length == 0) {
            return tries[ref] == 0 ? sw(0x6983) : sw(0x63C0 | tries[ref]);
        }
        verifiesWithData.incrementAndGet();
        return check(ref, data);
    }

    private byte[] check(int ref, byte[] value) {
        if (tries[ref] == 0) {
            return sw(0x6983);
        }
        if (!Arrays.equals(pins[ref], value)) {
            tries[ref]--;
            return sw(0x63C0 | tries[ref]);
        }
        tries[ref] = 3;
        return sw(0x9000);
    }

    private byte[] change(int ref, byte[] data) {
        byte[] result = check(ref, Arrays.copyOf(data, 16));
        if (result[0] == (byte) 0x90) {
            pins[ref] = Arrays.copyOfRange(data, 16, 32);
        }
        return result;
    }

    private byte[] unblock(int ref, byte[] data) {
        if (pukTries == 0) {
            return sw(0x6983);
        }
        if (!Arrays.equals(puk, Arrays.copyOf(data, 16))) {
            pukTries--;
            return sw(0x63C0 | pukTries);
        }
        pukTries = 10;
        pins[ref] = Arrays.copyOfRange(data, 16, 32);
        tries[ref] = 3;
        return sw(0x9000);
    }

    synchronized int triesLeft(int ref) {
        return tries[ref];
    }

    synchronized boolean pinIs(int ref, String pin) {
        return Arrays.equals(pins[ref], pad(pin));
    }

    private static byte[] pad(String digits) {
        return Arrays.copyOf(digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 16);
    }

    private static byte[] sw(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }
}
