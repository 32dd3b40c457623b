package se.legitimera.smartcard.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A reader and the card in it, if any.
 *
 * @param name        the reader's PC/SC name
 * @param cardPresent whether the reader reports a card, read or not
 * @param card        the card once it has been read; empty while there is none, while it is being
 *                    read, or when it could not be read (e.g. another program holds it)
 */
public record ReaderStatus(String name, boolean cardPresent, Optional<CardStatus> card) {

    public ReaderStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(card, "card");
    }
}
