package se.legitimera.smartcard.idprime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import se.legitimera.smartcard.idprime.KeyReferenceMap.Key;

class KeyReferenceMapTest {

    private static KeyReferenceMap parse(String hex) {
        return KeyReferenceMap.parse(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void whenBothRecordsHavePinIndex1_thenBothKeysAreUnderPin11() {
        KeyReferenceMap map = parse("01 56 00 00 00 00 00 01  01 57 01 00 00 00 00 01");
        assertThat(map.key(0)).contains(new Key(0x56, 0x11));
        assertThat(map.key(1)).contains(new Key(0x57, 0x11));
    }

    @Test
    void whenOneRecordHasAnotherPinIndex_thenThatKeyIsUnderPin83() {
        KeyReferenceMap map = parse("01 56 00 00 00 00 00 01  01 57 01 00 00 00 00 02");
        assertThat(map.key(0)).contains(new Key(0x56, 0x11));
        assertThat(map.key(1)).contains(new Key(0x57, 0x83));
    }

    @Test
    void whenThePinIndexIsZero_thenOpenScTakesTheSignaturePin() {
        assertThat(parse("01 56 00 00 00 00 00 00").key(0)).contains(new Key(0x56, 0x83));
    }

    @Test
    void whenTheCertificateIdIsNotTheRecordNumber_thenByte2Decides() {
        KeyReferenceMap map = parse("01 5E 03 00 00 00 00 01");
        assertThat(map.key(0)).isEmpty();
        assertThat(map.key(3)).contains(new Key(0x5E, 0x11));
    }

    @Test
    void whenARecordIsNotInUse_thenItIsSkippedAndLaterRecordsStillCount() {
        KeyReferenceMap map = parse("00 56 00 00 00 00 00 01  01 57 01 00 00 00 00 02");
        assertThat(map.key(0)).isEmpty();
        assertThat(map.key(1)).contains(new Key(0x57, 0x83));
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void whenTheFileIsEmptyOrEndsInAPartialRecord_thenOnlyWholeRecordsCount() {
        assertThat(parse("").size()).isZero();
        assertThat(parse("01 56 00 00 00 00 00 01  01 57 01").size()).isEqualTo(1);
    }
}
