package se.legitimera.devkit.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.KeyReferenceRule;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.profile.CardProfiles;

class PublishedAtrTest {

    private static final CardProfiles PROFILES = CardProfiles.builtIn();

    @ParameterizedTest
    @EnumSource(PublishedAtr.class)
    void whenTheVirtualCardPresentsAnAtr_thenItsKeyLayoutIsWhatThatAtrsProfileExpects(PublishedAtr atr) {
        CardProfile profile = PROFILES.match(Atr.of(atr.bytes()));
        PublishedAtr.Chip chip = atr.chip();

        if (chip.keyMap()) {
            assertThat(profile.keys()).isEqualTo(KeyReferenceRule.mapOnly());
            assertThat(profile.pin(PinKind.SIGNATURE).orElseThrow().reference()).isEqualTo(chip.signatureKeyPin());
        } else {
            assertThat(profile.keys().computed(0)).hasValue(chip.authenticationKey());
            assertThat(profile.keys().computed(1)).hasValue(chip.signatureKey());
            assertThat(profile.pin(PinKind.SIGNATURE)).isEmpty();
            assertThat(chip.signatureKeyPin()).isEqualTo(VirtualSithsCard.IDENTIFICATION_PIN);
        }
    }

    @Test
    void whenTheAtrHasTd1ForT1_thenTheCardSpeaksT1() {
        assertThat(PublishedAtr.IDPRIME_3940C.protocol()).isEqualTo("T=1");
        assertThat(PublishedAtr.IDPRIME_3940_FIDO.protocol()).isEqualTo("T=1");
        assertThat(PublishedAtr.IDPRIME_940.protocol()).isEqualTo("T=0");
        assertThat(PublishedAtr.SWEDISH_MCA.protocol()).isEqualTo("T=0");
        assertThat(PublishedAtr.IDPRIME_940.hex()).isEqualTo(VirtualSithsCard.ATR_HEX);
    }
}
