package se.legitimera.smartcard.pcsc;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import se.legitimera.smartcard.api.ApduTransport;
import se.legitimera.smartcard.api.CardCommunicationException;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.RetriableCardException;

/**
 * APDUs over a javax.smartcardio channel. Uses the ByteBuffer form so that no copy of a command
 * (which may hold a PIN) is left in a CommandAPDU we cannot wipe.
 */
final class ChannelTransport implements ApduTransport {

    private static final int MAX_RESPONSE = 258;

    private final CardChannel channel;
    private final boolean t0;

    ChannelTransport(CardChannel channel) {
        this.channel = channel;
        this.t0 = "T=0".equals(channel.getCard().getProtocol());
    }

    @Override
    public byte[] transmit(byte[] command) throws CardRemovedException, CardCommunicationException {
        // T=0 carries a case-1 command with P3 = 00 (ISO 7816-3), as OpenSC sends the PIN status query.
        byte[] tpdu = t0 && command.length == 4 ? Arrays.copyOf(command, 5) : command;
        ByteBuffer response = ByteBuffer.allocate(MAX_RESPONSE);
        try {
            int length = channel.transmit(ByteBuffer.wrap(tpdu), response);
            return Arrays.copyOf(response.array(), length);
        } catch (CardException | IllegalStateException e) {
            RetriableCardException failure = PcscFailure.duringUse("transmit", e);
            if (failure instanceof CardRemovedException removed) {
                throw removed;
            }
            throw new CardCommunicationException(failure.getMessage(), e);
        }
    }
}
