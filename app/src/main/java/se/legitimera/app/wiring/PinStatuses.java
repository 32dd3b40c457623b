package se.legitimera.app.wiring;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import se.legitimera.app.ui.pin.PinFormat;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.app.ui.pin.PinStatus;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.PukSpec;
import se.legitimera.smartcard.api.TriesLeft;

/** Turns a card profile and its counters into the PIN rows the windows show, and names PINs both ways. */
public final class PinStatuses {

    private PinStatuses() {
    }

    /** The card's PINs as the monitor last read them (no card I/O), identification first. */
    public static List<PinStatus> of(CardStatus card) {
        return of(card.profile(), card.pinTries(), card.pukTries());
    }

    static List<PinStatus> of(CardProfile profile, Map<PinKind, TriesLeft> pinTries, Optional<TriesLeft> pukTries) {
        PinFormat pukFormat = profile.puk().map(PukSpec::format).map(PinStatuses::newCodeFormat)
                .orElse(PinFormat.SITHS_PUK);
        OptionalInt puk = left(pukTries);
        return profile.pins().stream()
                .map(spec -> new PinStatus(role(spec.kind()), left(Optional.ofNullable(pinTries.get(spec.kind()))),
                        puk, newPinFormat(spec), pukFormat))
                .toList();
    }

    /** The library's name for the PIN a window asks about. */
    public static PinKind kind(PinRole role) {
        return switch (role) {
            case IDENTIFICATION -> PinKind.IDENTIFICATION;
            case SIGNATURE -> PinKind.SIGNATURE;
        };
    }

    static PinRole role(PinKind kind) {
        return switch (kind) {
            case IDENTIFICATION -> PinRole.IDENTIFICATION;
            case SIGNATURE -> PinRole.SIGNATURE;
        };
    }

    // A new PIN follows the card's length rules, and PinPolicy (smartcard) refuses trivial ones before sending.
    private static PinFormat newPinFormat(PinSpec spec) {
        return new PinFormat(spec.format().minLength(), spec.format().maxLength(), true, true);
    }

    private static PinFormat newCodeFormat(se.legitimera.smartcard.api.PinFormat format) {
        return new PinFormat(format.minLength(), format.maxLength(), true, false);
    }

    private static OptionalInt left(Optional<TriesLeft> tries) {
        return tries.map(t -> OptionalInt.of(t.left())).orElse(OptionalInt.empty());
    }
}
