package se.legitimera.smartcard.api;

import java.util.Objects;

/**
 * Something that happened to the PC/SC service, a reader or a card. Delivered in order, one at a time.
 */
public sealed interface CardEvent {

    /** The PC/SC service answers (at start, or again after an outage). */
    record ServiceAvailable() implements CardEvent {
    }

    /**
     * The PC/SC service does not answer: not running, stopped, or (Windows) stopped with the last reader.
     * Readers and cards were reported removed just before. The monitor keeps trying, with back-off.
     *
     * @param reason the service's error, for diagnostics
     */
    record ServiceUnavailable(String reason) implements CardEvent {
        public ServiceUnavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A reader appeared (plugged in, or listed after the service came back). */
    record ReaderAdded(String reader) implements CardEvent {
        public ReaderAdded {
            Objects.requireNonNull(reader, "reader");
        }
    }

    /** A reader went away. A card in it was reported removed just before. */
    record ReaderRemoved(String reader) implements CardEvent {
        public ReaderRemoved {
            Objects.requireNonNull(reader, "reader");
        }
    }

    /** A card was inserted and read: ATR, profile and PIN tries left. */
    record CardInserted(CardStatus card) implements CardEvent {
        public CardInserted {
            Objects.requireNonNull(card, "card");
        }

        public String reader() {
            return card.reader();
        }
    }

    /** The PIN or PUK counters of a card changed because of an operation through this monitor. */
    record PinTriesChanged(CardStatus card) implements CardEvent {
        public PinTriesChanged {
            Objects.requireNonNull(card, "card");
        }

        public String reader() {
            return card.reader();
        }
    }

    /** The card reported by {@link CardInserted} for this reader was removed. */
    record CardRemoved(String reader) implements CardEvent {
        public CardRemoved {
            Objects.requireNonNull(reader, "reader");
        }
    }
}
