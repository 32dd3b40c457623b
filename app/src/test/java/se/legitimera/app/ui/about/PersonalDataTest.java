package se.legitimera.app.ui.about;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private final PersonalData personalData = new PersonalData("/home/anna");

    @Test
    void personalIdentityNumbersKeepOnlyTheirDate() {
        assertThat(personalData.mask("subject 19121212-1212 and 201212121212 and 121212+1212"))
                .isEqualTo("subject 19121212-**** and 20121212-**** and 121212+****");
    }

    @Test
    void hsaIdsKeepTheirOrganisation() {
        assertThat(personalData.mask("holder SE2321000016-1003, test TSTNMT2321000156-1024"))
                .isEqualTo("holder SE2321000016-****, test TSTNMT2321000156-****");
    }

    @Test
    void theHomeFolderBecomesTilde() {
        assertThat(personalData.mask("log in /home/anna/.local/state")).isEqualTo("log in ~/.local/state");
    }

    @Test
    void timestampsAndAtrsAreLeftAlone() {
        String line = "2026-11-23T13:00:07.355Z ATR 3B7F96000080318065B0850300EF120FFE829000 took 1234 ms";
        assertThat(personalData.mask(line)).isEqualTo(line);
    }
}
