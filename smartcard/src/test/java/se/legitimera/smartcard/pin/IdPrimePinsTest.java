package se.legitimera.smartcard.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.api.UnexpectedResponseException;
import se.legitimera.smartcard.api.UnsupportedCardException;
import se.legitimera.smartcard.profile.CardProfiles;

class IdPrimePinsTest {

    private static final CardProfiles PROFILES = CardProfiles.builtIn();
    private static final CardProfile SITHS_940 =
            PROFILES.match(Atr.parse("3B7F96000080318065B0855956FB120FFE829000"));
    private static final CardProfile SITHS_840 =
            PROFILES.match(Atr.parse("3B7F96000080318065B0850300EF120FFE829000"));
    private static final CardProfile IDPRIME =
            PROFILES.match(Atr.parse("3B7F96000080318065B084123456120FFE829000"));
    private static final CardProfile IDPRIME_3810 =
            PROFILES.match(Atr.parse("3B7F96000080318065B084413DF6120FFE829000"));

    private static final String SELECT = "00A4040C0B A000000018800000000662";
    /** "123456" then 00 up to 16 bytes. */
    private static final String PIN_123456 = "313233343536 00000000000000000000";
    private static final String PIN_246802 = "323436383032 00000000000000000000";
    private static final String PUK_12345678 = "3132333435363738 0000000000000000";

    private final ScriptedTransport card = new ScriptedTransport();

    private PinOperations pins(CardProfile profile) throws UnsupportedCardException {
        return IdPrimePins.over(profile, card);
    }

    @Test
    void whenCounterAnswers63C3_thenThreeTriesLeft() throws Exception {
        card.expect(SELECT, "9000").expect("00200011", "63C3");
        assertThat(pins(SITHS_940).triesLeft(PinKind.IDENTIFICATION)).isEqualTo(TriesLeft.of(3, 3));
        card.assertDone();
    }

    @Test
    void whenCounterAnswers6983_thenBlocked() throws Exception {
        card.expect(SELECT, "9000").expect("00200083", "6983");
        TriesLeft tries = pins(SITHS_940).triesLeft(PinKind.SIGNATURE);
        assertThat(tries.blocked()).isTrue();
        assertThat(tries.max()).isEqualTo(3);
    }

    @Test
    void whenCounterAnswers9000_thenAlreadyVerifiedWithAllTries() throws Exception {
        card.expect(SELECT, "9000").expect("00200011", "9000");
        assertThat(pins(SITHS_940).triesLeft(PinKind.IDENTIFICATION)).isEqualTo(new TriesLeft(3, 3, true));
    }

    @Test
    void whenCounterAnswersSomethingElse_thenUnexpectedResponse() throws Exception {
        card.expect(SELECT, "9000").expect("00200011", "6D00");
        assertThatThrownBy(() -> pins(SITHS_940).triesLeft(PinKind.IDENTIFICATION))
                .isInstanceOfSatisfying(UnexpectedResponseException.class,
                        e -> assertThat(e.statusWord()).isEqualTo(0x6D00));
    }

    @Test
    void whenAppletIsMissing_thenUnsupportedCardAndNoPinApdu() throws Exception {
        card.expect(SELECT, "6A82");
        assertThatThrownBy(() -> pins(SITHS_940).triesLeft(PinKind.IDENTIFICATION))
                .isInstanceOf(UnsupportedCardException.class);
        card.assertDone();
    }

    @Test
    void whenPukReferenceIsKnown_thenPukTriesAreRead() throws Exception {
        card.expect(SELECT, "9000").expect("00200081", "63CA");
        assertThat(pins(SITHS_940).pukTriesLeft()).contains(TriesLeft.of(10, 10));
    }

    @Test
    void whenCardDoesNotAnswerThePukProbe_thenPukTriesUnknown() throws Exception {
        card.expect(SELECT, "9000").expect("00200081", "6A88");
        assertThat(pins(SITHS_940).pukTriesLeft()).isEmpty();
    }

    @Test
    void whenProfileNamesNoPukReference_thenNoProbeIsSent() throws Exception {
        assertThat(pins(IDPRIME).pukTriesLeft()).isEmpty();
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenVerifyAnswers9000_thenOk() throws Exception {
        card.expect(SELECT, "9000").expect("0020001110" + PIN_123456, "9000");
        assertThat(pins(SITHS_940).verify(PinKind.IDENTIFICATION, "123456".toCharArray()).status())
                .isEqualTo(PinStatus.OK);
        card.assertDone();
    }

    @Test
    void whenVerifyAnswers63C2_thenWrongPinWithTwoTriesLeft() throws Exception {
        card.expect(SELECT, "9000").expect("0020001110" + PIN_123456, "63C2");
        assertThat(pins(SITHS_940).verify(PinKind.IDENTIFICATION, "123456".toCharArray()))
                .isEqualTo(PinResult.of(PinStatus.WRONG_PIN, 2));
    }

    @Test
    void whenVerifyAnswers63C0_thenPinBlocked() throws Exception {
        card.expect(SELECT, "9000").expect("0020001110" + PIN_123456, "63C0");
        assertThat(pins(SITHS_940).verify(PinKind.IDENTIFICATION, "123456".toCharArray()))
                .isEqualTo(PinResult.of(PinStatus.PIN_BLOCKED, 0));
    }

    @Test
    void whenVerifyAnswers6983_thenPinBlocked() throws Exception {
        card.expect(SELECT, "9000").expect("0020008310" + PIN_123456, "6983");
        assertThat(pins(SITHS_940).verify(PinKind.SIGNATURE, "123456".toCharArray()).status())
                .isEqualTo(PinStatus.PIN_BLOCKED);
    }

    @Test
    void whenVerifyAnswers6300_thenWrongPinWithTriesUnknown() throws Exception {
        card.expect(SELECT, "9000").expect("0020001110" + PIN_123456, "6300");
        assertThat(pins(SITHS_940).verify(PinKind.IDENTIFICATION, "123456".toCharArray()))
                .isEqualTo(new PinResult(PinStatus.WRONG_PIN, OptionalInt.empty()));
    }

    @Test
    void whenCardRejectsTheLength_thenInvalidFormat() throws Exception {
        card.expect(SELECT, "9000").expect("0020001110" + PIN_123456, "6700");
        assertThat(pins(SITHS_940).verify(PinKind.IDENTIFICATION, "123456".toCharArray()).status())
                .isEqualTo(PinStatus.INVALID_FORMAT);
    }

    @Test
    void whenCardDoesNotKnowTheReference_thenNotSupported() throws Exception {
        card.expect(SELECT, "9000").expect("0020001110" + PIN_123456, "6A88");
        assertThat(pins(SITHS_940).verify(PinKind.IDENTIFICATION, "123456".toCharArray()).status())
                .isEqualTo(PinStatus.NOT_SUPPORTED);
    }

    @Test
    void whenVerifyAnswersAnUnknownStatus_thenUnexpectedResponse() throws Exception {
        card.expect(SELECT, "9000").expect("0020001110" + PIN_123456, "6F00");
        assertThatThrownBy(() -> pins(SITHS_940).verify(PinKind.IDENTIFICATION, "123456".toCharArray()))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageNotContaining("313233");
    }

    @Test
    void whenCardIsRemovedDuringVerify_thenCardRemovedAndNotWrongPin() throws Exception {
        card.expect(SELECT, "9000").expectAndRemoveCard("0020001110" + PIN_123456);
        assertThat(pins(SITHS_940).verify(PinKind.IDENTIFICATION, "123456".toCharArray()).status())
                .isEqualTo(PinStatus.CARD_REMOVED);
    }

    @Test
    void whenCardIsRemovedBeforeTheSelect_thenCardRemoved() throws Exception {
        card.expectAndRemoveCard(SELECT);
        assertThat(pins(SITHS_940).change(PinKind.IDENTIFICATION, "123456".toCharArray(),
                "246802".toCharArray()).status()).isEqualTo(PinStatus.CARD_REMOVED);
    }

    @Test
    void whenPinWasSent_thenTheApduBufferIsWiped() throws Exception {
        card.expect(SELECT, "9000").expect("0020001110" + PIN_123456, "9000");
        pins(SITHS_940).verify(PinKind.IDENTIFICATION, "123456".toCharArray());
        assertThat(card.sent.get(1)).containsOnly(0);
    }

    @Test
    void whenPinHasLetters_thenInvalidFormatWithoutAnyApdu() throws Exception {
        assertThat(pins(SITHS_940).verify(PinKind.IDENTIFICATION, "12a456".toCharArray()).status())
                .isEqualTo(PinStatus.INVALID_FORMAT);
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenPinIsLongerThanThePadding_thenInvalidFormatWithoutAnyApdu() throws Exception {
        assertThat(pins(SITHS_940).verify(PinKind.IDENTIFICATION, "12345678901234567".toCharArray()).status())
                .isEqualTo(PinStatus.INVALID_FORMAT);
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenCardHasNoSignaturePin_thenNotSupportedWithoutAnyApdu() throws Exception {
        assertThat(pins(SITHS_840).verify(PinKind.SIGNATURE, "123456".toCharArray()).status())
                .isEqualTo(PinStatus.NOT_SUPPORTED);
        assertThatThrownBy(() -> pins(SITHS_840).triesLeft(PinKind.SIGNATURE))
                .isInstanceOf(UnsupportedCardException.class);
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenProfileIsUnknown_thenNoPinOperationsAtAll() {
        assertThatThrownBy(() -> IdPrimePins.over(CardProfile.unknown(), card))
                .isInstanceOf(UnsupportedCardException.class);
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenChanging_thenOldAndNewGoPaddedInOneCommand() throws Exception {
        card.expect(SELECT, "9000").expect("0024001120" + PIN_123456 + PIN_246802, "9000");
        assertThat(pins(SITHS_940).change(PinKind.IDENTIFICATION, "123456".toCharArray(),
                "246802".toCharArray()).ok()).isTrue();
        assertThat(card.sent.get(1)).containsOnly(0);
        card.assertDone();
    }

    @Test
    void whenTheProfileDoesNotPad_thenVerifySendsTheDigitsAlone() throws Exception {
        card.expect(SELECT, "9000").expect("00200011 06 313233343536", "9000");
        assertThat(pins(IDPRIME_3810).verify(PinKind.IDENTIFICATION, "123456".toCharArray()).ok()).isTrue();
        card.assertDone();
    }

    @Test
    void whenTheProfileDoesNotPad_thenChangeSendsOldAndNewOneAfterTheOther() throws Exception {
        card.expect(SELECT, "9000").expect("00240011 0A 31323334 353637383930", "9000");
        assertThat(pins(IDPRIME_3810).change(PinKind.IDENTIFICATION, "1234".toCharArray(), "567890".toCharArray())
                .ok()).isTrue();
        assertThat(card.sent.get(1)).as("the command buffer is wiped").containsOnly(0);
        card.assertDone();
    }

    @Test
    void whenChangingWithAWrongCurrentPin_thenWrongPinWithTriesLeft() throws Exception {
        card.expect(SELECT, "9000").expect("0024001120" + PIN_123456 + PIN_246802, "63C1");
        assertThat(pins(SITHS_940).change(PinKind.IDENTIFICATION, "123456".toCharArray(),
                "246802".toCharArray())).isEqualTo(PinResult.of(PinStatus.WRONG_PIN, 1));
    }

    @Test
    void whenChangingOnABlockedPin_thenPinBlocked() throws Exception {
        card.expect(SELECT, "9000").expect("0024001120" + PIN_123456 + PIN_246802, "6983");
        assertThat(pins(SITHS_940).change(PinKind.IDENTIFICATION, "123456".toCharArray(),
                "246802".toCharArray()).status()).isEqualTo(PinStatus.PIN_BLOCKED);
    }

    @Test
    void whenNewPinBreaksTheLengthRules_thenInvalidFormatWithoutAnyApdu() throws Exception {
        assertThat(pins(SITHS_940).change(PinKind.IDENTIFICATION, "123456".toCharArray(),
                "24680".toCharArray()).status()).isEqualTo(PinStatus.INVALID_FORMAT);
        assertThat(pins(SITHS_940).change(PinKind.IDENTIFICATION, "123456".toCharArray(),
                "246802468".toCharArray()).status()).isEqualTo(PinStatus.INVALID_FORMAT);
        assertThat(card.sent).isEmpty();
    }

    @Test
    void whenUnblocking_thenPukAndNewPinGoPaddedInOneCommand() throws Exception {
        card.expect(SELECT, "9000").expect("002C001120" + PUK_12345678 + PIN_246802, "9000");
        assertThat(pins(SITHS_940).unblock(PinKind.IDENTIFICATION, "12345678".toCharArray(),
                "246802".toCharArray()).ok()).isTrue();
        assertThat(card.sent.get(1)).containsOnly(0);
    }

    @Test
    void whenUnblockingTheSignaturePin_thenItsReferenceIsUsed() throws Exception {
        card.expect(SELECT, "9000").expect("002C008320" + PUK_12345678 + PIN_246802, "9000");
        assertThat(pins(SITHS_940).unblock(PinKind.SIGNATURE, "12345678".toCharArray(),
                "246802".toCharArray()).ok()).isTrue();
    }

    @Test
    void whenPukIsWrong_thenWrongPukWithPukTriesLeft() throws Exception {
        card.expect(SELECT, "9000").expect("002C001120" + PUK_12345678 + PIN_246802, "63C9");
        assertThat(pins(SITHS_940).unblock(PinKind.IDENTIFICATION, "12345678".toCharArray(),
                "246802".toCharArray())).isEqualTo(PinResult.of(PinStatus.WRONG_PUK, 9));
    }

    @Test
    void whenPukIsBlocked_thenPukBlocked() throws Exception {
        card.expect(SELECT, "9000").expect("002C001120" + PUK_12345678 + PIN_246802, "6983");
        assertThat(pins(SITHS_940).unblock(PinKind.IDENTIFICATION, "12345678".toCharArray(),
                "246802".toCharArray())).isEqualTo(PinResult.of(PinStatus.PUK_BLOCKED, 0));
    }

    @Test
    void whenLastPukTryFails_thenPukBlocked() throws Exception {
        card.expect(SELECT, "9000").expect("002C001120" + PUK_12345678 + PIN_246802, "63C0");
        assertThat(pins(SITHS_940).unblock(PinKind.IDENTIFICATION, "12345678".toCharArray(),
                "246802".toCharArray()).status()).isEqualTo(PinStatus.PUK_BLOCKED);
    }

    @Test
    void whenPukHasTheWrongLength_thenInvalidFormatWithoutAnyApdu() throws Exception {
        assertThat(pins(SITHS_940).unblock(PinKind.IDENTIFICATION, "1234567".toCharArray(),
                "246802".toCharArray()).status()).isEqualTo(PinStatus.INVALID_FORMAT);
        assertThat(card.sent).isEmpty();
    }
}
