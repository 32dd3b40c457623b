package se.legitimera.app.ui.main;

import java.util.List;
import java.util.Objects;
import se.legitimera.app.ui.pin.PinStatus;

/**
 * A card in a reader as the main window shows it. Built in the composition root from the smartcard
 * library's card events.
 *
 * @param readerName   the reader holding the card
 * @param cardType     the card as users know it, e.g. "SITHS 940" (the profile's name)
 * @param certificates the card's certificates, identification first
 * @param pins         the card's PINs with tries left
 */
public record CardOverview(String readerName, String cardType, List<CertificateOverview> certificates,
                           List<PinStatus> pins) {

    public CardOverview {
        Objects.requireNonNull(readerName, "readerName");
        Objects.requireNonNull(cardType, "cardType");
        certificates = List.copyOf(certificates);
        pins = List.copyOf(pins);
    }
}
