package se.legitimera.smartcard.cert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalIdentityNumberTest {

    @Test
    void validNumberWithOrWithoutHyphenIsParsedAndMasked() {
        assertThat(PersonalIdentityNumber.parse("19121212-1212")).hasValueSatisfying(p -> {
            assertThat(p.digits()).isEqualTo("191212121212");
            assertThat(p).hasToString("19121212-****");
        });
        assertThat(PersonalIdentityNumber.parse("191212121212")).isPresent();
    }

    @Test
    void wrongCheckDigitOrFormIsNotAPersonnummer() {
        assertThat(PersonalIdentityNumber.parse("191212121213")).isEmpty();
        assertThat(PersonalIdentityNumber.parse("SE2321000016-1003")).isEmpty();
        assertThat(PersonalIdentityNumber.parse("19121312-1212")).isEmpty();
        assertThat(PersonalIdentityNumber.parse(null)).isEmpty();
    }
}
