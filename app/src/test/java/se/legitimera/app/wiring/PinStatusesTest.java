package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import se.legitimera.app.ui.pin.PinFormat;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.app.ui.pin.PinStatus;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.profile.CardProfiles;

class PinStatusesTest {

    static final Atr SITHS_940 = Atr.parse("3B7F96000080318065B0855956FB120FFE829000");
    static final CardProfile PROFILE_940 = CardProfiles.builtIn().match(SITHS_940);

    @Test
    void a940ShowsBothPinsWithTheirTriesAndThePuk() {
        CardStatus card = new CardStatus("Reader 0", SITHS_940, PROFILE_940,
                Map.of(PinKind.IDENTIFICATION, TriesLeft.of(2, 3), PinKind.SIGNATURE, TriesLeft.of(3, 3)),
                Optional.of(TriesLeft.of(10, 10)), "");

        List<PinStatus> pins = PinStatuses.of(card);

        assertThat(pins).extracting(PinStatus::role).containsExactly(PinRole.IDENTIFICATION, PinRole.SIGNATURE);
        assertThat(pins.getFirst().triesLeft()).isEqualTo(OptionalInt.of(2));
        assertThat(pins.getFirst().pukTriesLeft()).isEqualTo(OptionalInt.of(10));
        assertThat(pins.getFirst().pinFormat()).isEqualTo(new PinFormat(6, 8, true, true));
        assertThat(pins.getFirst().pukFormat()).isEqualTo(new PinFormat(8, 8, true, false));
    }

    @Test
    void aCounterTheCardDidNotTellIsUnknownNotZero() {
        CardStatus card = new CardStatus("Reader 0", SITHS_940, PROFILE_940,
                Map.of(PinKind.IDENTIFICATION, TriesLeft.of(0, 3)), Optional.empty(), "");

        List<PinStatus> pins = PinStatuses.of(card);

        assertThat(pins.getFirst().pinBlocked()).isTrue();
        assertThat(pins.get(1).triesLeft()).isEmpty();
        assertThat(pins.getFirst().pukTriesLeft()).isEmpty();
    }

    @Test
    void anUnknownCardHasNoPinsToShow() {
        CardStatus card = new CardStatus("Reader 0", Atr.parse("3B00"), CardProfile.unknown(), Map.of(),
                Optional.empty(), "");

        assertThat(PinStatuses.of(card)).isEmpty();
    }

    @Test
    void rolesAndKindsNameTheSamePins() {
        for (PinRole role : PinRole.values()) {
            assertThat(PinStatuses.role(PinStatuses.kind(role))).isEqualTo(role);
        }
    }
}
