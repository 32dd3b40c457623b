package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.NoReaderException;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.ReaderBusyException;
import se.legitimera.smartcard.api.UnexpectedResponseException;
import se.legitimera.smartcard.api.UnsupportedCardException;

class PinOutcomesTest {

    @Test
    void whenTheCardSaysOk_thenDone() {
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.OK))).isEqualTo(new Outcome.Done());
    }

    @Test
    void whenAWrongPinLeavesTwoTries_thenWrongPinWithTwoTries() {
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.WRONG_PIN, 2)))
                .isEqualTo(new Outcome.WrongCode(Outcome.Code.PIN, 2));
    }

    @Test
    void whenAWrongPinLeavesNoTries_thenThePinIsBlocked() {
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.WRONG_PIN, 0)))
                .isEqualTo(new Outcome.CodeBlocked(Outcome.Code.PIN));
    }

    @Test
    void whenAWrongPukLeavesNineTries_thenWrongPukWithNineTries() {
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.WRONG_PUK, 9)))
                .isEqualTo(new Outcome.WrongCode(Outcome.Code.PUK, 9));
    }

    @Test
    void whenAWrongPukLeavesNoTries_thenThePukIsBlocked() {
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.WRONG_PUK, 0)))
                .isEqualTo(new Outcome.CodeBlocked(Outcome.Code.PUK));
    }

    @Test
    void whenTheCardDoesNotTellTriesLeft_thenTheCountIsNotGuessed() {
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.WRONG_PIN))).isInstanceOf(Outcome.Failed.class);
    }

    @Test
    void blockedStatusesMapToBlockedCodes() {
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.PIN_BLOCKED))).isEqualTo(new Outcome.CodeBlocked(Outcome.Code.PIN));
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.PUK_BLOCKED))).isEqualTo(new Outcome.CodeBlocked(Outcome.Code.PUK));
    }

    @Test
    void whenTheCardIsRemovedDuringTheOperation_thenCardRemovedAndNeverAWrongPin() {
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.CARD_REMOVED))).isEqualTo(new Outcome.CardRemoved());
        assertThat(PinOutcomes.of(new CardRemovedException("gone"))).isEqualTo(new Outcome.CardRemoved());
    }

    @Test
    void formatAndSupportMapToTheirOutcomes() {
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.INVALID_FORMAT))).isEqualTo(new Outcome.InvalidFormat());
        assertThat(PinOutcomes.of(PinResult.of(PinStatus.NOT_SUPPORTED))).isEqualTo(new Outcome.NotSupported());
        assertThat(PinOutcomes.of(new UnsupportedCardException("no such PIN"))).isEqualTo(new Outcome.NotSupported());
    }

    @Test
    void whenTheCardOrReaderIsGone_thenNoCard() {
        assertThat(PinOutcomes.of(new NoCardException("empty"))).isEqualTo(new Outcome.NoCard());
        assertThat(PinOutcomes.of(new NoReaderException("unplugged"))).isEqualTo(new Outcome.NoCard());
    }

    @Test
    void otherFailuresSayWhatHappenedWithoutSecrets() {
        assertThat(PinOutcomes.of(new ReaderBusyException("held")))
                .isEqualTo(new Outcome.Failed("the card is in use by another program"));
        assertThat(PinOutcomes.of(new UnexpectedResponseException("change", 0x6F00)))
                .isEqualTo(new Outcome.Failed("card answered 6F00"));
    }
}
