package se.legitimera.smartcard.pcsc;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import se.legitimera.smartcard.api.ApduTransport;
import se.legitimera.smartcard.api.CardCommunicationException;
import se.legitimera.smartcard.api.CardRemovedException;

/**
 * Decorates a transport for T=0 cards: follows {@code 61xx} with GET RESPONSE ({@code 00 C0 00 00 xx})
 * and resends a command answered {@code 6Cxx} with that Le, so callers always see data + final status.
 */
public final class GetResponseTransport implements ApduTransport {

    /** More GET RESPONSE rounds than any response of at most 64 KiB needs. */
    private static final int MAX_ROUNDS = 256;

    private final ApduTransport inner;

    private GetResponseTransport(ApduTransport inner) {
        this.inner = inner;
    }

    /** The transport with GET RESPONSE and wrong-Le handling added. */
    public static ApduTransport wrap(ApduTransport inner) {
        return new GetResponseTransport(inner);
    }

    @Override
    public byte[] transmit(byte[] command) throws CardRemovedException, CardCommunicationException {
        byte[] response = inner.transmit(command);
        if (sw1(response) == 0x6C && command.length >= 4) {
            byte[] again = command.length == 4 ? Arrays.copyOf(command, 5) : command.clone();
            again[again.length - 1] = response[response.length - 1];
            try {
                response = inner.transmit(again);
            } finally {
                Arrays.fill(again, (byte) 0);
            }
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int round = 0; sw1(response) == 0x61; round++) {
            if (round == MAX_ROUNDS) {
                throw new CardCommunicationException("card keeps answering 61xx");
            }
            data.write(response, 0, response.length - 2);
            response = inner.transmit(new byte[] {0x00, (byte) 0xC0, 0x00, 0x00, response[response.length - 1]});
        }
        if (data.size() == 0) {
            return response;
        }
        data.write(response, 0, response.length);
        return data.toByteArray();
    }

    private static int sw1(byte[] response) {
        return response.length < 2 ? -1 : response[response.length - 2] & 0xFF;
    }
}
