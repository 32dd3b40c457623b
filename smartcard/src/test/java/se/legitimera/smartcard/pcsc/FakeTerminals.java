package se.legitimera.smartcard.pcsc;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * An in-memory PC/SC service for monitor tests: readers come and go, cards are inserted and removed,
 * the service can be stopped. Errors carry the PC/SC names real providers put in their messages.
 */
final class FakeTerminals extends CardTerminals {

    private final List<Reader> readers = new CopyOnWriteArrayList<>();
    private final Object changes = new Object();
    private volatile boolean serviceUp = true;
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger exclusiveSessions = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();

    TerminalSource source() {
        return () -> {
            opens.incrementAndGet();
            if (!serviceUp) {
                throw new CardException("SCardEstablishContext got response 0x8010001d (SCARD_E_NO_SERVICE)");
            }
            return this;
        };
    }

    void stopService() {
        serviceUp = false;
        changed();
    }

    void startService() {
        serviceUp = true;
        changed();
    }

    Reader addReader(String name) {
        Reader reader = new Reader(name);
        readers.add(reader);
        changed();
        return reader;
    }

    void removeReader(Reader reader) {
        readers.remove(reader);
        reader.card = null;
        changed();
    }

    private void changed() {
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    private void requireService() throws CardException {
        if (!serviceUp) {
            throw new CardException("SCARD_E_NO_SERVICE");
        }
    }

    @Override
    public List<CardTerminal> list(State state) throws CardException {
        requireService();
        return readers.stream().<CardTerminal>map(r -> r)
                .filter(r -> state != State.CARD_PRESENT || ((Reader) r).card != null).toList();
    }

    @Override
    public boolean waitForChange(long timeout) throws CardException {
        requireService();
        synchronized (changes) {
            try {
                changes.wait(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    /** A card: ATR plus an APDU handler. */
    record InsertedCard(byte[] atr, UnaryOperator<byte[]> apdus, Runnable onReset) {
    }

    final class Reader extends CardTerminal {
        private final String name;
        volatile InsertedCard card;

        Reader(String name) {
            this.name = name;
        }

        void insert(InsertedCard inserted) {
            card = inserted;
            changed();
        }

        void remove() {
            card = null;
            changed();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Card connect(String protocol) throws CardException {
            requireService();
            InsertedCard inserted = card;
            if (inserted == null) {
                throw new CardNotPresentException("SCARD_E_NO_SMARTCARD");
            }
            return new FakeCard(this, inserted);
        }

        @Override
        public boolean isCardPresent() throws CardException {
            requireService();
            return card != null;
        }

        @Override
        public boolean waitForCardPresent(long timeout) {
            throw new UnsupportedOperationException("the monitor does not wait per reader");
        }

        @Override
        public boolean waitForCardAbsent(long timeout) {
            throw new UnsupportedOperationException("the monitor does not wait per reader");
        }
    }

    private final class FakeCard extends Card {
        private final Reader reader;
        private final InsertedCard inserted;
        private final CardChannel channel = new FakeChannel(this);

        FakeCard(Reader reader, InsertedCard inserted) {
            this.reader = reader;
            this.inserted = inserted;
        }

        byte[] transmit(byte[] command) throws CardException {
            requireService();
            if (reader.card != inserted) {
                throw new CardException("SCardTransmit got response 0x80100069 (SCARD_W_REMOVED_CARD)");
            }
            return inserted.apdus().apply(command);
        }

        @Override
        public ATR getATR() {
            return new ATR(inserted.atr());
        }

        @Override
        public String getProtocol() {
            return "T=0";
        }

        @Override
        public CardChannel getBasicChannel() {
            return channel;
        }

        @Override
        public CardChannel openLogicalChannel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void beginExclusive() throws CardException {
            requireService();
            exclusiveSessions.incrementAndGet();
        }

        @Override
        public void endExclusive() {
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect(boolean reset) {
            if (reset) {
                resets.incrementAndGet();
                inserted.onReset().run();
            }
        }
    }

    private static final class FakeChannel extends CardChannel {
        private final FakeCard card;

        FakeChannel(FakeCard card) {
            this.card = card;
        }

        @Override
        public Card getCard() {
            return card;
        }

        @Override
        public int getChannelNumber() {
            return 0;
        }

        @Override
        public ResponseAPDU transmit(CommandAPDU command) throws CardException {
            return new ResponseAPDU(card.transmit(command.getBytes()));
        }

        @Override
        public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
            byte[] bytes = new byte[command.remaining()];
            command.get(bytes);
            byte[] answer = card.transmit(bytes);
            response.put(answer);
            return answer.length;
        }

        @Override
        public void close() {
        }
    }
}
