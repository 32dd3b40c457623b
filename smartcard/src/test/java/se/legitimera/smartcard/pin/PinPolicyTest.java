package se.legitimera.smartcard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import se.legitimera.smartcard.api.PinFormat;

class PinPolicyTest {

    private static final PinFormat SITHS = new PinFormat(6, 8, 16, (byte) 0);
    private static final PinFormat PUK = new PinFormat(8, 8, 16, (byte) 0);
    private final PinPolicy policy = new PinPolicy(SITHS);

    private static char[] c(String s) {
        return s.toCharArray();
    }

    @Test
    void whenNewPinIsGood_thenNoViolation() {
        assertThat(policy.checkNewPin(c("135790"), c("246802"), c("246802"))).isEmpty();
        assertThat(policy.checkNewPin(null, c("24680213"), c("24680213"))).isEmpty();
    }

    @Test
    void whenNewPinIsEmpty_thenEmpty() {
        assertThat(policy.checkNewPin(null, c(""), c(""))).containsExactly(PinPolicyViolation.EMPTY);
    }

    @Test
    void whenNewPinIsTooShort_thenTooShort() {
        assertThat(policy.checkNewPin(null, c("24680"), c("24680"))).containsExactly(PinPolicyViolation.TOO_SHORT);
    }

    @Test
    void whenNewPinIsTooLong_thenTooLong() {
        assertThat(policy.checkNewPin(null, c("246802468"), c("246802468")))
                .containsExactly(PinPolicyViolation.TOO_LONG);
    }

    @Test
    void whenNewPinHasLetters_thenNotDigits() {
        assertThat(policy.checkNewPin(null, c("24680a"), c("24680a"))).containsExactly(PinPolicyViolation.NOT_DIGITS);
    }

    @Test
    void whenConfirmationDiffers_thenConfirmationMismatch() {
        assertThat(policy.checkNewPin(null, c("246802"), c("246803")))
                .containsExactly(PinPolicyViolation.CONFIRMATION_MISMATCH);
    }

    @Test
    void whenNewPinEqualsCurrent_thenSameAsCurrent() {
        assertThat(policy.checkNewPin(c("246802"), c("246802"), c("246802")))
                .containsExactly(PinPolicyViolation.SAME_AS_CURRENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456", "111111", "654321", "890123", "3210987", "00000000", "45678901"})
    void whenNewPinIsATrivialSequence_thenTrivialSequence(String pin) {
        assertThat(policy.checkNewPin(null, c(pin), c(pin))).containsExactly(PinPolicyViolation.TRIVIAL_SEQUENCE);
    }

    @Test
    void whenSeveralRulesBreak_thenAllAreReported() {
        assertThat(policy.checkNewPin(null, c("12a4"), c("1234")))
                .containsExactlyInAnyOrder(PinPolicyViolation.NOT_DIGITS, PinPolicyViolation.TOO_SHORT,
                        PinPolicyViolation.CONFIRMATION_MISMATCH);
    }

    @Test
    void whenPukHasEightDigits_thenAccepted() {
        assertThat(PinPolicy.checkPuk(c("12345678"), PUK)).isEmpty();
        assertThat(PinPolicy.checkPuk(c("1234567"), PUK)).containsExactly(PinPolicyViolation.TOO_SHORT);
        assertThat(PinPolicy.checkPuk(c("1234567x"), PUK)).containsExactly(PinPolicyViolation.NOT_DIGITS);
    }

    @Test
    void whenExistingPinIsShorterThanNewPinRules_thenStillAcceptedForTheCardToJudge() {
        assertThat(PinPolicy.checkExisting(c("1234"), SITHS)).isEmpty();
        assertThat(PinPolicy.checkExisting(c(""), SITHS)).containsExactly(PinPolicyViolation.EMPTY);
    }
}
