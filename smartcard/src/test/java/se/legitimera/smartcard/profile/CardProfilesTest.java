package se.legitimera.smartcard.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.CardType;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinSpec;

class CardProfilesTest {

    private final CardProfiles profiles = CardProfiles.builtIn();

    private CardProfile match(String atr) {
        return profiles.match(Atr.parse(atr));
    }

    @Test
    void when940Atr_thenSiths940WithBothPinsAndPuk() {
        CardProfile profile = match("3B 7F 96 00 00 80 31 80 65 B0 85 59 56 FB 12 0F FE 82 90 00");
        assertThat(profile.type()).isEqualTo(CardType.SITHS_940);
        assertThat(profile.pins()).extracting(PinSpec::kind, PinSpec::reference, PinSpec::maxTries)
                .containsExactly(tuple(PinKind.IDENTIFICATION, 0x11, 3),
                        tuple(PinKind.SIGNATURE, 0x83, 3));
        assertThat(profile.pin(PinKind.IDENTIFICATION).orElseThrow().format())
                .satisfies(f -> {
                    assertThat(f.minLength()).isEqualTo(6);
                    assertThat(f.maxLength()).isEqualTo(8);
                    assertThat(f.paddedLength()).isEqualTo(16);
                    assertThat(f.padByte()).isZero();
                });
        assertThat(profile.puk().orElseThrow()).satisfies(puk -> {
            assertThat(puk.probeReference()).hasValue(0x81);
            assertThat(puk.referenceConfirmed()).isFalse();
            assertThat(puk.maxTries()).isEqualTo(10);
            assertThat(puk.format().minLength()).isEqualTo(8);
            assertThat(puk.format().maxLength()).isEqualTo(8);
        });
        assertThat(profile.atrConfirmed()).isTrue();
    }

    @Test
    void when940cAtr_thenSiths940() {
        assertThat(match("3B7F96000080318065B0850500 39120FFE829000").type()).isEqualTo(CardType.SITHS_940);
    }

    @Test
    void when840Atr_thenSiths840WithIdentificationPinOnly() {
        CardProfile profile = match("3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 0F FE 82 90 00");
        assertThat(profile.type()).isEqualTo(CardType.SITHS_840);
        assertThat(profile.pin(PinKind.IDENTIFICATION)).isPresent();
        assertThat(profile.pin(PinKind.SIGNATURE)).isEmpty();
    }

    @Test
    void whenOtherIdPrimeAtr_thenIdPrimeFamily() {
        CardProfile profile = match("3B 7F 96 00 00 80 31 80 65 B0 84 41 3D F6 12 0F FE 82 90 00");
        assertThat(profile.type()).isEqualTo(CardType.IDPRIME);
        assertThat(profile.supportsPinApdus()).isTrue();
        assertThat(profile.puk().orElseThrow().probeReference()).isEmpty();
    }

    @Test
    void whenAtrDiffersInAFixedByte_thenNotIdPrime() {
        assertThat(match("3B 7F 96 00 00 80 31 80 65 B1 84 41 3D F6 12 0F FE 82 90 00").type())
                .isEqualTo(CardType.UNKNOWN);
    }

    @Test
    void whenAnyOtherAtr_thenUnknownWithoutPinApdus() {
        CardProfile profile = match("3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A");
        assertThat(profile.type()).isEqualTo(CardType.UNKNOWN);
        assertThat(profile.supportsPinApdus()).isFalse();
        assertThat(profile.pins()).isEmpty();
    }

    @Test
    void when410HasNoKnownAtr_thenItIsDataButSelectedByNoAtr() {
        assertThat(profiles.all()).extracting(CardProfile::type).contains(CardType.SITHS_410);
    }

    @Test
    void whenAnAtrIsMarkedUnconfirmed_thenTheMatchedProfileSaysSo() throws Exception {
        CardProfiles data = CardProfiles.parse(new StringReader("""
                [x]
                type = SITHS_410
                name = X
                atr = 3B 02 14 50 UNCONFIRMED
                """));
        assertThat(data.match(Atr.parse("3B021450")).atrConfirmed()).isFalse();
        assertThat(data.match(Atr.parse("3B021450")).supportsPinApdus()).isFalse();
    }

    @Test
    void whenDataIsMalformed_thenTheLineIsNamed() {
        assertThatThrownBy(() -> CardProfiles.parse(new StringReader("""
                [x]
                type = IDPRIME
                name = X
                pin.identification = reference 11, tries 3, length 6, padded 16 with 00
                """))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 4");
        assertThatThrownBy(() -> CardProfiles.parse(new StringReader("[x]\ncolour = red\n")))
                .hasMessageContaining("line 2").hasMessageContaining("colour");
    }

    @Test
    void whenAProfileHasPinsButNoApplet_thenRejected() {
        assertThatThrownBy(() -> CardProfiles.parse(new StringReader("""
                [x]
                type = IDPRIME
                name = X
                pin.identification = reference 11, tries 3, length 6-8, padded 16 with 00
                """))).hasMessageContaining("applet");
    }
}
