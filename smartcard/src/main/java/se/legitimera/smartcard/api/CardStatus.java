package se.legitimera.smartcard.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A card in a reader as the monitor last saw it.
 *
 * @param reader   the reader's PC/SC name
 * @param atr      the card's ATR
 * @param profile  the profile chosen by the ATR ({@link CardType#UNKNOWN} if none matched)
 * @param pinTries tries left per PIN, read by empty VERIFY; a PIN is missing when the card has none
 *                 or its counter could not be read
 * @param pukTries tries left for the PUK, where the card tells it
 * @param problem  why the card could not be read fully, for diagnostics; empty when all went well
 */
public record CardStatus(String reader, Atr atr, CardProfile profile, Map<PinKind, TriesLeft> pinTries,
        Optional<TriesLeft> pukTries, String problem) {

    public CardStatus {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(atr, "atr");
        Objects.requireNonNull(profile, "profile");
        pinTries = Map.copyOf(pinTries);
        Objects.requireNonNull(pukTries, "pukTries");
        Objects.requireNonNull(problem, "problem");
    }
}
