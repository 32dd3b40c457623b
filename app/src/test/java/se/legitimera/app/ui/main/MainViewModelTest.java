package se.legitimera.app.ui.main;

import se.legitimera.app.ui.login.LoginWaitingState;
import se.legitimera.app.ui.common.Outcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;
import se.legitimera.app.ui.pin.PinFormat;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.app.ui.pin.PinStatus;
import se.legitimera.smartcard.pcsc.PcscSnapshot;

class MainViewModelTest {

    private final MainViewModel viewModel = new MainViewModel(Messages.forLocale(Locale.of("sv")),
            Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC));

    static CardOverview card(String reader, int identificationTries, LocalDate validTo) {
        return new CardOverview(reader, "SITHS 940", List.of(
                new CertificateOverview(CertificateOverview.Usage.IDENTIFICATION, "Tolvan Tolvansson",
                        "TSTNMT2321000156-1024", "TEST SITHS e-id Person HSA-id 3 CA v1", validTo, Optional.of(3),
                        CertificateOverview.Revocation.GOOD),
                new CertificateOverview(CertificateOverview.Usage.SIGNATURE, "Tolvan Tolvansson",
                        "TSTNMT2321000156-1024", "TEST SITHS e-id Person HSA-id 3 CA v1", validTo, Optional.of(3),
                        CertificateOverview.Revocation.REVOKED)),
                List.of(new PinStatus(PinRole.IDENTIFICATION, OptionalInt.of(identificationTries), OptionalInt.of(10),
                                PinFormat.SITHS_PIN, PinFormat.SITHS_PUK),
                        new PinStatus(PinRole.SIGNATURE, OptionalInt.of(3), OptionalInt.of(10), PinFormat.SITHS_PIN,
                                PinFormat.SITHS_PUK)));
    }

    @Test
    void beforeTheFirstScan_saysItIsChecking() {
        assertThat(viewModel.serviceStatusProperty().get()).startsWith("Kontrollerar");
        assertThat(viewModel.readers()).isEmpty();
        assertThat(viewModel.cardStatusProperty().get()).isEqualTo("Inget kort isatt. Sätt i ditt SITHS-kort.");
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

    @Test
    void anInsertedCard_showsItsCertificatesAndTries() {
        viewModel.updateCards(List.of(card("Virtual PCD 00 00", 3, LocalDate.of(2028, 1, 31))));

        assertThat(viewModel.cardStatusProperty().get()).isEqualTo("SITHS 940 i Virtual PCD 00 00");
        assertThat(viewModel.certificates()).hasSize(2);
        CertificateRow identification = viewModel.certificates().getFirst();
        assertThat(identification.title()).isEqualTo("Certifikat för legitimering");
        assertThat(identification.hsaId()).isEqualTo("TSTNMT2321000156-1024");
        assertThat(identification.validity()).isEqualTo("Giltigt till 2028-01-31 (434 dagar kvar)");
        assertThat(identification.trustLevel()).isEqualTo("Nivå 3");
        assertThat(identification.revocation()).isEqualTo("Inte spärrat");
        assertThat(viewModel.certificates().get(1).revocationKind()).isEqualTo(Notice.Kind.ERROR);
        assertThat(viewModel.pinTries()).containsExactly("PIN-kod för Legitimering: 3 försök kvar",
                "PIN-kod för Underskrift: 3 försök kvar", "PUK-kod: 10 försök kvar");
        assertThat(viewModel.severalCardsProperty().get()).isFalse();
    }

    @Test
    void aCertificateExpiringWithin30Days_isMarked() {
        viewModel.updateCards(List.of(card("Virtual PCD 00 00", 3, LocalDate.of(2026, 12, 10))));

        assertThat(viewModel.certificates().getFirst().validityKind()).isEqualTo(Notice.Kind.WARNING);
        assertThat(viewModel.certificates().getFirst().validity()).endsWith("(17 dagar kvar)");
    }

    @Test
    void atTheLastPinTry_warnsClearly() {
        viewModel.updateCards(List.of(card("Virtual PCD 00 00", 1, LocalDate.of(2028, 1, 31))));

        assertThat(viewModel.pinWarningProperty().get().kind()).isEqualTo(Notice.Kind.WARNING);
        assertThat(viewModel.pinWarningProperty().get().text()).startsWith("Sista försöket för PIN-koden för Legitimering");
    }

    @Test
    void withTwoCards_theUserChoosesAndTheChoiceSurvivesUpdates() {
        CardOverview first = card("Virtual PCD 00 00", 3, LocalDate.of(2028, 1, 31));
        CardOverview second = card("Virtual PCD 00 01", 2, LocalDate.of(2028, 1, 31));
        viewModel.updateCards(List.of(first, second));
        assertThat(viewModel.severalCardsProperty().get()).isTrue();
        assertThat(viewModel.activeCardProperty().get()).isEqualTo(first);

        viewModel.activeCardProperty().set(second);
        viewModel.updateCards(List.of(first, card("Virtual PCD 00 01", 1, LocalDate.of(2028, 1, 31))));

        assertThat(viewModel.activeCardProperty().get().readerName()).isEqualTo("Virtual PCD 00 01");
        assertThat(viewModel.pinTries().getFirst()).isEqualTo("PIN-kod för Legitimering: 1 försök kvar");
    }

    @Test
    void whenTheActiveCardIsRemoved_theOtherBecomesActive() {
        viewModel.updateCards(List.of(card("Virtual PCD 00 00", 3, LocalDate.of(2028, 1, 31)),
                card("Virtual PCD 00 01", 3, LocalDate.of(2028, 1, 31))));

        viewModel.updateCards(List.of(card("Virtual PCD 00 01", 3, LocalDate.of(2028, 1, 31))));

        assertThat(viewModel.activeCardProperty().get().readerName()).isEqualTo("Virtual PCD 00 01");
    }

    @Test
    void theTunnelsSectionListsEachTunnelWithItsAddressStateAndButton() {
        se.legitimera.app.settings.Tunnel journal = new se.legitimera.app.settings.Tunnel("journal", 8443,
                java.net.URI.create("https://journal.example.se"), se.legitimera.app.settings.TunnelMode.HTTP);
        se.legitimera.app.settings.Tunnel lab = new se.legitimera.app.settings.Tunnel("lab", 8444,
                java.net.URI.create("https://lab.example.se"), se.legitimera.app.settings.TunnelMode.TLS);

        viewModel.updateTunnels(List.of(
                se.legitimera.app.ui.tunnel.TunnelState.stopped(journal, true)
                        .with(se.legitimera.app.ui.tunnel.TunnelState.Phase.LISTENING),
                se.legitimera.app.ui.tunnel.TunnelState.stopped(lab, true)));

        assertThat(viewModel.tunnels()).containsExactly(
                new TunnelRow("journal", "http://localhost:8443 \u2192 https://journal.example.se",
                        "Igång, väntar på första anslutningen", "Stoppa", true, true),
                new TunnelRow("lab", "tls://localhost:8444 \u2192 https://lab.example.se", "Stoppad", "Starta", false,
                        true));
    }

    @Test
    void waitingForLogins_saysWhereItStands_andWhyItStopped() {
        assertThat(viewModel.waitingShownProperty().get()).isFalse();

        viewModel.updateWaiting(new LoginWaitingState(
                LoginWaitingState.Phase.NEEDS_PIN, "https://login.example.se:443",
                Optional.of(new Outcome.PollSessionEnded(
                        "https://login.example.se:443"))));

        assertThat(viewModel.waitingShownProperty().get()).isTrue();
        assertThat(viewModel.canStartWaitingProperty().get()).isTrue();
        assertThat(viewModel.canStopWaitingProperty().get()).isFalse();
        assertThat(viewModel.waitingProblemProperty().get().text()).contains("avslutade väntan på inloggningar");

        viewModel.updateWaiting(new LoginWaitingState(
                LoginWaitingState.Phase.WAITING, "https://login.example.se:443",
                Optional.empty()));

        assertThat(viewModel.waitingStatusProperty().get())
                .isEqualTo("Väntar på inloggningar från https://login.example.se:443.");
        assertThat(viewModel.canStopWaitingProperty().get()).isTrue();
        assertThat(viewModel.waitingProblemProperty().get()).isEqualTo(Notice.NONE);
    }
}
