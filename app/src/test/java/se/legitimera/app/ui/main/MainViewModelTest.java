package se.legitimera.app.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.smartcard.pcsc.PcscSnapshot;

class MainViewModelTest {

    private final MainViewModel viewModel = new MainViewModel(Messages.forLocale(Locale.of("sv")));

    @Test
    void beforeTheFirstScan_saysItIsChecking() {
        assertThat(viewModel.serviceStatusProperty().get()).startsWith("Kontrollerar");
        assertThat(viewModel.readers()).isEmpty();
    }

    @Test
    void whenTheServiceIsDown_saysSoAndWhy() {
        viewModel.update(new PcscSnapshot(false, List.of(), "SCARD_E_NO_SERVICE"));

        assertThat(viewModel.serviceAvailableProperty().get()).isFalse();
        assertThat(viewModel.serviceStatusProperty().get()).contains("svarar inte").contains("SCARD_E_NO_SERVICE");
        assertThat(viewModel.readersStatusProperty().get()).contains("inte visas");
    }

    @Test
    void whenReadersAreFound_listsThemAndCountsThem() {
        viewModel.update(new PcscSnapshot(true, List.of("Virtual PCD 00 00", "Virtual PCD 00 01"), ""));

        assertThat(viewModel.serviceStatusProperty().get()).isEqualTo("Kortläsartjänsten är igång.");
        assertThat(viewModel.readers()).containsExactly("Virtual PCD 00 00", "Virtual PCD 00 01");
        assertThat(viewModel.readersStatusProperty().get()).isEqualTo("2 kortläsare hittades");
    }

    @Test
    void whenTheServiceRunsWithoutReaders_asksForOne() {
        viewModel.update(new PcscSnapshot(true, List.of(), ""));

        assertThat(viewModel.readersStatusProperty().get()).isEqualTo("Ingen kortläsare hittades. Anslut en kortläsare.");
    }
}
