package se.legitimera.devkit.smartcardio;

import java.nio.ByteBuffer;

import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import se.legitimera.devkit.card.VirtualSithsCard;

/** A connection to the card in a {@link VirtualReader}, valid until disconnected or the card is removed. */
final class InsertedCard extends Card {

    private final VirtualReader reader;
    private final VirtualSithsCard card;
    private final long cardGeneration;
    private final BasicChannel basicChannel = new BasicChannel();
    private boolean disconnected;
    private Thread exclusiveOwner;

    InsertedCard(VirtualReader reader, VirtualSithsCard card, long cardGeneration) {
        this.reader = reader;
        this.card = card;
        this.cardGeneration = cardGeneration;
    }

    boolean disconnected() {
        synchronized (reader.monitor()) {
            return disconnected;
        }
    }

    @Override
    public ATR getATR() {
        return new ATR(card.presentedAtr().bytes());
    }

    @Override
    public String getProtocol() {
        return card.presentedAtr().protocol();
    }

    @Override
    public CardChannel getBasicChannel() {
        synchronized (reader.monitor()) {
            requireConnected();
            return basicChannel;
        }
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        throw new CardException("the virtual card has no logical channels");
    }

    @Override
    public void beginExclusive() throws CardException {
        synchronized (reader.monitor()) {
            requireConnected();
            requireInserted();
            if (exclusiveOwner != null) {
                throw new CardException("exclusive access is already held by " + exclusiveOwner.getName());
            }
            exclusiveOwner = Thread.currentThread();
        }
    }

    @Override
    public void endExclusive() throws CardException {
        synchronized (reader.monitor()) {
            requireConnected();
            if (exclusiveOwner != Thread.currentThread()) {
                throw new IllegalStateException("exclusive access is not held by this thread");
            }
            exclusiveOwner = null;
        }
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        throw new CardException("the virtual reader supports no control commands");
    }

    /** {@code reset = true} warm-resets the card (PIN verification is lost), as SCARD_RESET_CARD does. */
    @Override
    public void disconnect(boolean reset) throws CardException {
        synchronized (reader.monitor()) {
            if (disconnected) {
                return;
            }
            disconnected = true;
            exclusiveOwner = null;
            if (reset && reader.holds(card, cardGeneration)) {
                card.reset();
            }
        }
    }

    private byte[] transmit(byte[] command) throws CardException {
        synchronized (reader.monitor()) {
            requireConnected();
            requireInserted();
            if (exclusiveOwner != null && exclusiveOwner != Thread.currentThread()) {
                throw new SecurityException("exclusive access is held by another thread");
            }
            byte[] response;
            try {
                response = card.transmit(command);
            } catch (IllegalStateException e) {
                throw new CardException("the card in " + reader.getName() + " is not powered", e);
            }
            // A card pulled while it answers gives no answer (an ApduListener may remove it mid-command).
            requireInserted();
            return response;
        }
    }

    private void requireConnected() {
        if (disconnected) {
            throw new IllegalStateException("card has been disconnected");
        }
    }

    private void requireInserted() throws CardException {
        if (!reader.holds(card, cardGeneration)) {
            // named like PC/SC's error, so that callers tell a removal from other failures as with pcscd
            throw new CardException("SCARD_W_REMOVED_CARD: card removed from " + reader.getName());
        }
    }

    @Override
    public String toString() {
        return "InsertedCard[" + reader.getName() + ", " + card + "]";
    }

    private final class BasicChannel extends CardChannel {

        @Override
        public Card getCard() {
            return InsertedCard.this;
        }

        @Override
        public int getChannelNumber() {
            return 0;
        }

        /** @throws CardException when the card was removed */
        @Override
        public ResponseAPDU transmit(CommandAPDU command) throws CardException {
            return new ResponseAPDU(InsertedCard.this.transmit(command.getBytes()));
        }

        @Override
        public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
            byte[] bytes = new byte[command.remaining()];
            command.get(bytes);
            byte[] answer = InsertedCard.this.transmit(bytes);
            if (response.remaining() < answer.length) {
                throw new IllegalArgumentException("response buffer too small for " + answer.length + " bytes");
            }
            response.put(answer);
            return answer.length;
        }

        @Override
        public void close() {
            throw new IllegalStateException("the basic channel cannot be closed");
        }
    }
}
