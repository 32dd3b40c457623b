package se.legitimera.devkit.smartcardio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * One {@link CardTerminals} view over the virtual readers, with its own memory of the states seen by its
 * last {@link #waitForChange(long)}, as a PC/SC context keeps the reader states of its last
 * SCardGetStatusChange: a change that happens between two calls is reported by the next one at once.
 */
final class VirtualReaderList extends CardTerminals {

    private final VirtualReaders readers;
    /**
     * Reader generations as of the last waitForChange, null before the first. A generation counts inserts
     * and removals, so an odd one means a card is present.
     */
    private Map<VirtualReader, Long> known;
    private Map<VirtualReader, Long> previous;
    private Map<VirtualReader, Boolean> previousPresence;

    VirtualReaderList(VirtualReaders readers) {
        this.readers = readers;
    }

    @Override
    public List<CardTerminal> list(State state) throws CardException {
        synchronized (readers) {
            State asked = state;
            if (known == null || previous == null) {
                // like SunPCSC: before any change was seen, insertion/removal mean present/absent
                if (asked == State.CARD_INSERTION) {
                    asked = State.CARD_PRESENT;
                } else if (asked == State.CARD_REMOVAL) {
                    asked = State.CARD_ABSENT;
                }
            }
            List<CardTerminal> result = new ArrayList<>();
            for (VirtualReader reader : readers.readers()) {
                boolean present = reader.isCardPresent();
                boolean include = switch (asked) {
                    case ALL -> true;
                    case CARD_PRESENT -> present;
                    case CARD_ABSENT -> !present;
                    case CARD_INSERTION -> changed(reader) && known.get(reader) % 2 == 1;
                    case CARD_REMOVAL -> changed(reader) && previousPresence.get(reader);
                };
                if (include) {
                    result.add(reader);
                }
            }
            return result;
        }
    }

    private boolean changed(VirtualReader reader) {
        return !previous.get(reader).equals(known.get(reader));
    }

    @Override
    public boolean waitForChange(long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        synchronized (readers) {
            if (known == null) {
                known = snapshot();
            }
            while (true) {
                Map<VirtualReader, Long> now = snapshot();
                if (!now.equals(known)) {
                    advanceTo(now);
                    return true;
                }
                long remaining = timeout == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeout != 0 && remaining <= 0) {
                    // nothing changed in this call, so nothing is an insertion or removal any more
                    advanceTo(now);
                    return false;
                }
                try {
                    readers.wait(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CardException("interrupted while waiting for a reader change", e);
                }
            }
        }
    }

    private void advanceTo(Map<VirtualReader, Long> now) {
        previous = known;
        previousPresence = new HashMap<>();
        previous.forEach((reader, generation) -> previousPresence.put(reader, generation % 2 == 1));
        known = now;
    }

    private Map<VirtualReader, Long> snapshot() {
        Map<VirtualReader, Long> generations = new HashMap<>();
        for (VirtualReader reader : readers.readers()) {
            generations.put(reader, reader.generation());
        }
        return generations;
    }
}
