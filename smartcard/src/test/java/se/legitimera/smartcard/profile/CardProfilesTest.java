package se.legitimera.smartcard.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.CardType;
import se.legitimera.smartcard.api.KeyReferenceRule;
import se.legitimera.smartcard.api.PinFormat;
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

    /** Every ATR of IDPRIME.md ("ATRs published for IDPrime cards") and of OpenSC 0.26-0.27's table. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Region Stockholm reservkort   | 3B 7F 96 00 00 80 31 80 65 B0 85 04 00 11 12 02 F0 82 90 00 | siths-reservkort
            Swedish MCA (eID)             | 3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 02 F0 82 90 00 | idprime-840
            IDPrime MD 840 (PKI)          | 3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 0F FE 82 90 00 | siths-840
            IDPrime MD840 (eID)           | 3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 02 C1 82 90 00 | idprime-840
            IDPrime 941 / 940B (PKI)      | 3B 7F 96 00 00 80 31 80 65 B0 85 59 56 FB 12 0F FE 82 90 00 | siths-940
            SafeNet IDPrime 940C (eID)    | 3B 7F 96 00 00 80 31 80 65 B0 85 05 00 39 12 0F FE 82 90 00 | siths-940
            SafeNet IDPrime 3940C T=1     | 3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 85 05 00 39 12 0F FE 82 90 00 C8 | siths-940
            IDPrime 3940 Fido T=1         | 3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 85 59 56 FB 12 0F FC 82 90 00 02 | siths-940
            eToken 5110 T=1 (OpenSC)      | 3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 85 59 56 FB 12 0F FE 82 90 00 00 | siths-940
            generic T=0                   | 3B 7F 96 00 00 80 31 80 65 B0 84 12 34 56 12 0F FE 82 90 00 | idprime
            generic T=0, other TA1        | 3B 7F 18 00 00 80 31 80 65 B0 83 01 02 03 12 02 F0 82 90 00 | idprime
            generic T=1                   | 3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 84 12 34 56 12 0F FE 82 90 00 11 | idprime
            another 940 chip T=0          | 3B 7F 96 00 00 80 31 80 65 B0 85 11 22 33 12 0F FE 82 90 00 | idprime-940
            another 940 chip T=1          | 3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 85 11 22 33 12 0F FE 82 90 00 4D | idprime-940
            IDPrime 3810 (OpenSC)         | 3B 7F 96 00 00 80 31 80 65 B0 84 41 3D F6 12 0F FE 82 90 00 | idprime-3810
            IDPrime MD 830 (OpenSC)       | 3B 7F 96 00 00 80 31 80 65 B0 84 56 51 10 12 0F FE 82 90 00 | idprime-830
            IDPrime 930 (OpenSC)          | 3B 7F 96 00 00 80 31 80 65 B0 84 61 60 FB 12 0F FE 82 90 00 | idprime-930
            eToken 5110+ FIPS T=1         | 3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 84 65 66 FB 12 01 78 82 90 00 85 | idprime-930-plus
            eToken 840 T=1 (OpenSC)       | 3B FF 96 00 00 81 31 80 43 80 31 80 65 B0 85 03 00 EF 12 0F FE 82 90 00 66 | idprime-840
            """)
    void whenAPublishedAtr_thenItsProfile(String card, String atr, String profile) {
        assertThat(match(atr).id()).as(card).isEqualTo(profile);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 0F FE 82 90 00",
        "3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 02 F0 82 90 00",
        "3B 7F 11 00 00 80 31 80 65 B0 85 03 00 EF 12 AA BB 82 90 00",
        "3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 85 03 00 EF 12 0F FE 82 90 00 66",
        "3B FF 96 00 00 81 31 80 43 80 31 80 65 B0 85 03 00 EF 12 01 02 82 90 00 00"})
    void whenAnyAtrOfAn840Chip_thenNever940Rules(String atr) {
        CardProfile profile = match(atr);
        assertThat(profile.id()).endsWith("840");
        assertThat(profile.pin(PinKind.SIGNATURE)).isEmpty();
        assertThat(profile.keys()).isEqualTo(KeyReferenceRule.computed(0xF7, 1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "3B 7F 96 00 00 80 31 80 65 B0 85 59 56 FB 12 0F FE 82 90 00",
        "3B 7F 96 00 00 80 31 80 65 B0 85 05 00 39 12 02 F0 82 90 00",
        "3B 7F 96 00 00 80 31 80 65 B0 85 04 00 11 12 02 F0 82 90 00",
        "3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 85 05 00 39 12 0F FE 82 90 00 C8",
        "3B FF 96 00 00 81 31 FE 43 80 31 80 65 B0 85 59 56 FB 12 0F FC 82 90 00 02"})
    void whenAnyAtrOfA940Chip_thenNever840Rules(String atr) {
        CardProfile profile = match(atr);
        assertThat(profile.type()).isEqualTo(CardType.SITHS_940);
        assertThat(profile.pin(PinKind.SIGNATURE).orElseThrow().reference()).isEqualTo(0x83);
        assertThat(profile.keys()).isEqualTo(KeyReferenceRule.mapOnly());
    }

    @Test
    void whenAnOlder84Chip_thenItsPinsAreNotPaddedAsOpenSc024SendsThem() {
        PinFormat format = match("3B 7F 96 00 00 80 31 80 65 B0 84 56 51 10 12 0F FE 82 90 00")
                .pin(PinKind.IDENTIFICATION).orElseThrow().format();
        assertThat(format.padded()).isFalse();
        assertThat(format.longestValue()).isEqualTo(16);
    }

    @Test
    void whenAnAdministratorsTableOverridesOneProfileAndAddsOne_thenTheirsMatchFirstAndTheRestStays()
            throws Exception {
        CardProfiles admin = CardProfiles.parse(new StringReader("""
                [siths-840]
                type = SITHS_840
                name = SITHS 840 as our cards are
                atr = 3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 02 F0 82 90 00
                applet = A0 00 00 00 18 80 00 00 00 06 62
                pin.identification = reference 11, tries 3, length 6-8, padded 16 with 00
                keys = map 0005, else F7 + id

                [new-card]
                type = IDPRIME
                name = A new variant
                atr = 3B 02 14 50
                """));
        CardProfiles merged = profiles.overriddenBy(admin);

        assertThat(merged.match(Atr.parse("3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 02 F0 82 90 00")).name())
                .isEqualTo("SITHS 840 as our cards are");
        assertThat(merged.match(Atr.parse("3B 7F 96 00 00 80 31 80 65 B0 85 03 00 EF 12 0F FE 82 90 00")).id())
                .as("the built-in siths-840 is replaced, so its ATR falls to the next 840 profile")
                .isEqualTo("idprime-840");
        assertThat(merged.match(Atr.parse("3B021450")).id()).isEqualTo("new-card");
        assertThat(merged.match(Atr.parse("3B7F96000080318065B0855956FB120FFE829000")).id()).isEqualTo("siths-940");
        assertThat(merged.all()).extracting(CardProfile::id).containsOnlyOnce("siths-840");
    }

    @Test
    void whenKeyRulesAreWritten_thenTheyParseAsTheRuleTheySay() throws Exception {
        CardProfiles data = CardProfiles.parse(new StringReader("""
                [a]
                type = IDPRIME
                name = A
                keys = 11 + 2 * id
                [b]
                type = IDPRIME
                name = B
                keys = map 0005
                [c]
                type = IDPRIME
                name = C
                keys = map 0005, else F7 + id
                [d]
                type = IDPRIME
                name = D
                """));
        assertThat(data.all()).extracting(CardProfile::keys).containsExactly(KeyReferenceRule.computed(0x11, 2),
                KeyReferenceRule.mapOnly(), KeyReferenceRule.mapElse(0xF7, 1), KeyReferenceRule.GENERIC);
        assertThat(KeyReferenceRule.computed(0x11, 2).computed(1)).hasValue(0x13);
        assertThatThrownBy(() -> CardProfiles.parse(new StringReader("[x]\ntype = IDPRIME\nname = X\nkeys = 56 - id\n")))
                .hasMessageContaining("line 4");
    }

    @Test
    void whenOtherIdPrimeAtr_thenIdPrimeFamily() {
        CardProfile profile = match("3B 7F 96 00 00 80 31 80 65 B0 84 12 34 56 12 0F FE 82 90 00");
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
        assertThat(profiles.entries()).filteredOn(e -> e.profile().type() == CardType.SITHS_410)
                .singleElement().satisfies(e -> assertThat(e.atrs()).isEmpty());
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
