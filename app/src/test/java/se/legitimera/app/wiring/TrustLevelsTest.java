package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.legitimera.app.settings.TrustLevelPolicy;
import se.legitimera.smartcard.cert.TrustLevel;
import se.legitimera.smartcard.cert.TrustLevelTable;

class TrustLevelsTest {

    private static final String TEST_OID = "1.2.752.29.4.13.3.1";

    @Test
    void whenTheSettingsNameAnOid_thenItGivesTheLevelAndCountsAsConfirmed() {
        TrustLevelTable table = TrustLevels.of(List.of(new TrustLevelPolicy(TEST_OID, 2)), Map.of(TEST_OID, 3));

        TrustLevel level = table.levelFor(List.of(TEST_OID), "Some CA");

        assertThat(level.level()).isEqualTo("LoA2");
        assertThat(level.confirmed()).isTrue();
    }

    @Test
    void whenOnlyTheDemoNamesIt_thenItsLevelIsShownUnconfirmed() {
        TrustLevel level = TrustLevels.of(List.of(), Map.of(TEST_OID, 3)).levelFor(List.of(TEST_OID), "Some CA");

        assertThat(level.level()).isEqualTo("LoA3");
        assertThat(level.confirmed()).isFalse();
    }

    @Test
    void whenNothingIsConfigured_thenTheBuiltInTableStillAnswers() {
        TrustLevelTable table = TrustLevels.of(List.of(), Map.of());

        assertThat(table.levelFor(List.of(), "SITHS e-id Person HSA-id 2 CA v1").level()).isEqualTo("LoA2");
        assertThat(table.levelFor(List.of(TEST_OID), "Unknown CA")).isEqualTo(TrustLevel.UNKNOWN);
    }
}
