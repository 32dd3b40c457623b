package se.legitimera.smartcard.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PinCounterTest {

    @Test
    void whenLockedFlagIsSet_thenNoTriesLeft() {
        assertThat(PinCounter.fromFlags(Ck.CKF_USER_PIN_LOCKED | Ck.CKF_USER_PIN_COUNT_LOW)).isEqualTo(PinCounter.LOCKED);
        assertThat(PinCounter.LOCKED.triesLeft()).hasValue(0);
    }

    @Test
    void whenFinalTryFlagIsSet_thenOneTryLeft() {
        assertThat(PinCounter.fromFlags(Ck.CKF_USER_PIN_FINAL_TRY | Ck.CKF_USER_PIN_COUNT_LOW)).isEqualTo(PinCounter.FINAL_TRY);
        assertThat(PinCounter.FINAL_TRY.triesLeft()).hasValue(1);
    }

    @Test
    void whenCountLow_thenTriesLeftIsUnknown() {
        assertThat(PinCounter.fromFlags(Ck.CKF_USER_PIN_COUNT_LOW)).isEqualTo(PinCounter.LOW);
        assertThat(PinCounter.LOW.triesLeft()).isEmpty();
        assertThat(PinCounter.fromFlags(Ck.CKF_LOGIN_REQUIRED)).isEqualTo(PinCounter.FULL);
    }

    @Test
    void soFlagsShiftedDownReadAsACounter() {
        assertThat(PinCounter.fromFlags(Ck.CKF_SO_PIN_FINAL_TRY >>> 4)).isEqualTo(PinCounter.FINAL_TRY);
        assertThat(PinCounter.fromFlags(Ck.CKF_SO_PIN_LOCKED >>> 4)).isEqualTo(PinCounter.LOCKED);
    }

    @Test
    void pinIsEncodedAsUtf8WithoutAString() {
        assertThat(CryptokiToken.encode("12345ö".toCharArray())).isEqualTo("12345ö".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tokenFlagsAreNamedForDisplay() {
        TokenInfo info = new TokenInfo("l", "m", "mo", "s", Ck.CKF_LOGIN_REQUIRED | Ck.CKF_USER_PIN_FINAL_TRY, 4, 8, "1.0", "1.0");
        assertThat(info.flagNames()).containsExactly("LOGIN_REQUIRED", "USER_PIN_FINAL_TRY");
        assertThat(info.userPinCounter()).isEqualTo(PinCounter.FINAL_TRY);
    }
}
