package se.legitimera.app.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.login.LoginWaitingState;

class TrayPresenterTest {

    private final RecordingTray tray = new RecordingTray();
    private final Runnable nothing = () -> { };
    private final TrayPresenter presenter = new TrayPresenter(tray, Messages.forLocale(Locale.of("sv")),
            new TrayActions(nothing, nothing, nothing, Optional.empty(), nothing, nothing),
            Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC));

    static final class RecordingTray implements Tray {
        TrayIconImage.Tone tone;
        boolean badge;
        String tooltip;
        List<TrayMenuEntry> menu;
        final List<TrayNotice> notices = new ArrayList<>();

        @Override
        public void show(TrayIconImage.Tone tone, boolean badge, String tooltip, List<TrayMenuEntry> menu) {
            this.tone = tone;
            this.badge = badge;
            this.tooltip = tooltip;
            this.menu = menu;
        }

        @Override
        public void notify(TrayNotice notice) {
            notices.add(notice);
        }

        @Override
        public void remove() {
        }

        String label(int index) {
            return ((TrayMenuEntry.Action) menu.get(index)).label();
        }

        boolean enabled(String label) {
            return menu.stream().filter(e -> e instanceof TrayMenuEntry.Action a && a.label().equals(label))
                    .map(e -> ((TrayMenuEntry.Action) e).enabled()).findFirst().orElseThrow();
        }
    }

    @Test
    void eachTunnelIsAMenuItemWithItsState_andClickingItTogglesThatTunnel() {
        List<String> toggled = new ArrayList<>();
        se.legitimera.app.settings.Tunnel journal = new se.legitimera.app.settings.Tunnel("journal", 8443,
                java.net.URI.create("https://journal.example.se"), se.legitimera.app.settings.TunnelMode.HTTP);
        se.legitimera.app.settings.Tunnel lab = new se.legitimera.app.settings.Tunnel("lab", 8444,
                java.net.URI.create("https://lab.example.se"), se.legitimera.app.settings.TunnelMode.HTTP);

        presenter.tunnelsChanged(List.of(
                se.legitimera.app.ui.tunnel.TunnelState.stopped(journal, false)
                        .with(se.legitimera.app.ui.tunnel.TunnelState.Phase.CARD_UNLOCKED),
                se.legitimera.app.ui.tunnel.TunnelState.stopped(lab, false)
                        .failed(se.legitimera.app.ui.tunnel.TunnelState.Problem.PORT_IN_USE, "")), toggled::add);

        assertThat(tray.enabled("Tunnlar")).isFalse();
        assertThat(tray.enabled("journal \u2013 Igång, kortet är upplåst (Stoppa)")).isTrue();
        assertThat(tray.enabled("lab \u2013 Fel: port 8444 används redan av ett annat program (Starta)")).isTrue();
        tray.menu.stream().filter(e -> e instanceof TrayMenuEntry.Action a && a.label().startsWith("lab"))
                .map(e -> ((TrayMenuEntry.Action) e).action()).findFirst().orElseThrow().run();
        assertThat(toggled).containsExactly("lab");
    }

    @Test
    void beforeTheFirstScan_theIconIsGreyAndSaysItIsStarting() {
        assertThat(tray.tone).isEqualTo(TrayIconImage.Tone.IDLE);
        assertThat(tray.tooltip).isEqualTo("Legitimera: startar");
    }

    @Test
    void withoutPcscService_theIconIsRed() {
        presenter.serviceChanged(false, 0);

        assertThat(tray.tone).isEqualTo(TrayIconImage.Tone.ERROR);
        assertThat(tray.tooltip).isEqualTo("Legitimera: kortläsartjänsten är inte igång");
    }

    @Test
    void withAReadyCard_theIconIsBlueAndPinItemsAreEnabled() {
        presenter.serviceChanged(true, 1);
        presenter.cardChanged(true, "SITHS 940", "Virtual PCD 00 00", false, false);

        assertThat(tray.tone).isEqualTo(TrayIconImage.Tone.READY);
        assertThat(tray.tooltip).isEqualTo("Legitimera: kortet är redo (SITHS 940)");
        assertThat(tray.enabled("Byt PIN-kod")).isTrue();
        assertThat(tray.enabled("Lås upp med PUK")).isTrue();
    }

    @Test
    void theMenuHasTheItemsInOrder_andSettingsOnlyWhenThereIsAWindowForIt() {
        assertThat(tray.menu).filteredOn(TrayMenuEntry.Action.class::isInstance)
                .extracting(e -> ((TrayMenuEntry.Action) e).label())
                .containsExactly("Öppna", "Byt PIN-kod", "Lås upp med PUK", "Om och diagnostik", "Avsluta");

        List<TrayMenuEntry> withSettings = TrayMenu.build(TraySituation.STARTING, Messages.forLocale(Locale.of("sv")),
                new TrayActions(nothing, nothing, nothing, Optional.of(nothing), nothing, nothing));
        assertThat(withSettings).filteredOn(TrayMenuEntry.Action.class::isInstance)
                .extracting(e -> ((TrayMenuEntry.Action) e).label()).contains("Inställningar");
    }

    @Test
    void withoutACard_pinItemsAreGreyedOut() {
        presenter.serviceChanged(true, 1);

        assertThat(tray.tooltip).isEqualTo("Legitimera: inget kort isatt");
        assertThat(tray.enabled("Byt PIN-kod")).isFalse();
        assertThat(tray.enabled("Lås upp med PUK")).isFalse();
    }

    @Test
    void withABlockedPin_onlyUnblockIsOffered() {
        presenter.serviceChanged(true, 1);
        presenter.cardChanged(true, "SITHS 940", "Virtual PCD 00 00", true, false);

        assertThat(tray.tone).isEqualTo(TrayIconImage.Tone.ATTENTION);
        assertThat(tray.enabled("Byt PIN-kod")).isFalse();
        assertThat(tray.enabled("Lås upp med PUK")).isTrue();
    }

    @Test
    void aWaitingLogin_outranksTheCardAndIsNotified() {
        presenter.serviceChanged(true, 1);
        presenter.cardChanged(true, "SITHS 940", "Virtual PCD 00 00", false, false);

        presenter.loginWaiting(true, "Journalen");

        assertThat(tray.badge).isTrue();
        assertThat(tray.tooltip).isEqualTo("Legitimera: en inloggning väntar på din PIN-kod");
        assertThat(tray.notices.getLast().text()).isEqualTo("Logga in hos Journalen: ange din PIN-kod.");
    }

    @Test
    void insertingAndRemovingTheCard_areNotified() {
        presenter.serviceChanged(true, 1);
        presenter.cardChanged(true, "SITHS 940", "Virtual PCD 00 00", false, false);
        presenter.cardChanged(false, "", "Virtual PCD 00 00", false, false);

        assertThat(tray.notices).extracting(TrayNotice::caption).containsExactly("Kort isatt", "Kortet togs ut");
        assertThat(tray.notices.getFirst().text()).isEqualTo("SITHS 940 i Virtual PCD 00 00 är redo.");
    }

    @Test
    void aCertificateExpiringWithin30Days_isNotifiedOnce() {
        presenter.certificateSeen("issuer/01", "Legitimering", LocalDate.of(2026, 12, 5));
        presenter.certificateSeen("issuer/01", "Legitimering", LocalDate.of(2026, 12, 5));
        presenter.certificateSeen("issuer/02", "Underskrift", LocalDate.of(2027, 6, 1));

        assertThat(tray.notices).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(TrayNotice.Kind.WARNING);
            assertThat(notice.text()).startsWith("Ditt certifikat för Legitimering går ut om 12 dagar.");
        });
    }

    private static LoginWaitingState waiting(LoginWaitingState.Phase phase, Outcome problem) {
        return new LoginWaitingState(phase, "https://login.example.se:443", Optional.ofNullable(problem));
    }

    @Test
    void waitingForLogins_isInTheTooltip_andTheMenuOffersToStop() {
        List<String> clicked = new ArrayList<>();
        presenter.serviceChanged(true, 1);
        presenter.cardChanged(true, "SITHS 940", "Virtual PCD 00 00", false, false);

        presenter.waitingChanged(waiting(LoginWaitingState.Phase.WAITING, null), () -> clicked.add("start"),
                () -> clicked.add("stop"));

        assertThat(tray.tooltip).isEqualTo("Legitimera: kortet är redo och väntar på inloggningar (SITHS 940)");
        assertThat(tray.notices.getLast().caption()).isEqualTo("Väntar på inloggningar");
        TrayMenuEntry.Action stop = tray.menu.stream().filter(e -> e instanceof TrayMenuEntry.Action a
                && a.label().equals("Sluta vänta på inloggningar")).map(e -> (TrayMenuEntry.Action) e)
                .findFirst().orElseThrow();
        stop.action().run();
        assertThat(clicked).containsExactly("stop");
    }

    @Test
    void aSessionThatNeedsThePin_isStartedFromTheMenu_andAWrongPinIsNotifiedWithTheTriesLeft() {
        presenter.serviceChanged(true, 1);
        presenter.cardChanged(true, "SITHS 940", "Virtual PCD 00 00", false, false);

        presenter.waitingChanged(waiting(LoginWaitingState.Phase.NEEDS_PIN,
                new Outcome.WrongCode(Outcome.Code.PIN, 2)), nothing, nothing);

        assertThat(tray.enabled("Vänta på inloggningar…")).isTrue();
        assertThat(tray.tooltip).isEqualTo("Legitimera: kortet är redo (SITHS 940)");
        assertThat(tray.notices.getLast().caption()).isEqualTo("Väntar inte på inloggningar");
        assertThat(tray.notices.getLast().text()).isEqualTo("Fel PIN-kod, 2 försök kvar");
    }

    @Test
    void withoutACard_waitingCannotBeStarted_andWhenTheSettingIsOff_theMenuSaysNothingOfIt() {
        presenter.serviceChanged(true, 1);
        presenter.waitingChanged(waiting(LoginWaitingState.Phase.NO_CARD, null), nothing, nothing);
        assertThat(tray.enabled("Vänta på inloggningar…")).isFalse();

        presenter.waitingChanged(LoginWaitingState.OFF, nothing, nothing);

        assertThat(tray.menu).noneMatch(e -> e instanceof TrayMenuEntry.Action a && a.label().contains("inloggningar"));
    }
}
