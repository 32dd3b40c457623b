package se.legitimera.devkit.smartcardio;

import java.util.Objects;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;

import se.legitimera.devkit.card.VirtualSithsCard;

/**
 * An in-JVM card reader: a {@link CardTerminal} into which tests put a {@link VirtualSithsCard}.
 *
 * <p>Like PC/SC: {@link #connect(String)} powers the card and returns the same {@link Card} to every caller
 * until it is disconnected; {@link #remove()} powers the card off and makes every later transmit on that
 * {@code Card}, and one under way (removal from an {@code ApduListener}), throw {@link CardException} naming
 * SCARD_W_REMOVED_CARD. Protocols "*" and the card's own ("T=0", or "T=1" for a T=1 ATR) are accepted.
 * Thread-safe; the state is guarded by the {@link VirtualReaders} monitor.
 */
public final class VirtualReader extends CardTerminal {

    private final VirtualReaders readers;
    private final String name;
    private VirtualSithsCard card;
    private long generation;
    private InsertedCard connection;

    VirtualReader(VirtualReaders readers, String name) {
        this.readers = readers;
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Puts a card into the reader (a card insertion event).
     *
     * @throws IllegalStateException when the reader already holds a card
     */
    public void insert(VirtualSithsCard inserted) {
        Objects.requireNonNull(inserted, "card");
        synchronized (readers) {
            if (card != null) {
                throw new IllegalStateException("reader " + name + " already holds a card");
            }
            card = inserted;
            generation++;
            readers.changed();
        }
    }

    /**
     * Takes the card out (a card removal event): it is powered off, its {@link Card} stops working.
     *
     * @return the card that was removed, or null when the reader was empty
     */
    public VirtualSithsCard remove() {
        synchronized (readers) {
            VirtualSithsCard removed = card;
            if (removed == null) {
                return null;
            }
            card = null;
            connection = null;
            generation++;
            removed.powerOff();
            readers.changed();
            return removed;
        }
    }

    /** The card in the reader, or null. */
    public VirtualSithsCard card() {
        synchronized (readers) {
            return card;
        }
    }

    @Override
    public String getName() {
        return name;
    }

    /**
     * @throws CardNotPresentException when the reader is empty
     * @throws CardException when the protocol is not "*" or the card's own ("T=0", or "T=1" for a T=1 ATR)
     */
    @Override
    public Card connect(String protocol) throws CardException {
        Objects.requireNonNull(protocol, "protocol");
        synchronized (readers) {
            if (card == null) {
                throw new CardNotPresentException("no card present in " + name);
            }
            String spoken = card.presentedAtr().protocol();
            if (!protocol.equals("*") && !protocol.equalsIgnoreCase(spoken)) {
                throw new CardException("connect() failed: the card in " + name + " speaks " + spoken + ", not "
                        + protocol);
            }
            if (connection == null || connection.disconnected()) {
                if (!card.isPoweredOn()) {
                    card.powerOn();
                }
                connection = new InsertedCard(this, card, generation);
            }
            return connection;
        }
    }

    @Override
    public boolean isCardPresent() {
        synchronized (readers) {
            return card != null;
        }
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return await(timeout, true);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return await(timeout, false);
    }

    private boolean await(long timeout, boolean present) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        synchronized (readers) {
            while ((card != null) != present) {
                long remaining = timeout == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeout != 0 && remaining <= 0) {
                    return false;
                }
                try {
                    readers.wait(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CardException("interrupted while waiting for a card in " + name, e);
                }
            }
            return true;
        }
    }

    /** Inserts plus removals so far: odd while a card is present. Read under the monitor. */
    long generation() {
        return generation;
    }

    /** Whether {@code inserted} (taken at {@code cardGeneration}) is still the card in the reader. */
    boolean holds(VirtualSithsCard inserted, long cardGeneration) {
        return card == inserted && generation == cardGeneration;
    }

    Object monitor() {
        return readers;
    }

    @Override
    public String toString() {
        return "VirtualReader[" + name + "]";
    }
}
