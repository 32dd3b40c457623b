package se.legitimera.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;

class PinCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private StubMonitor monitor;

    private int run(MonitorSnapshot snapshot, PinResult answer, String input, String... args) {
        monitor = new StubMonitor(snapshot, answer);
        CommandLine cli = new CommandLine(new PinCommand(() -> monitor,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), null));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static MonitorSnapshot siths940() {
        return StubMonitor.withCard(StubMonitor.ATR_940, 3);
    }

    @Test
    void whenChangingWithGoodInput_thenTheCardGetsOldAndNewAndExitIsZero() {
        assertThat(run(siths940(), PinResult.of(PinStatus.OK), "135790\n192837\n192837\n",
                "change", "--stdin")).isZero();
        assertThat(monitor.calls).containsExactly("change Virtual PCD 00 00 IDENTIFICATION 135790 192837");
        assertThat(out.toString()).contains("PIN changed.");
    }

    @Test
    void whenTheSignaturePinIsChosen_thenItIsTheOneChanged() {
        assertThat(run(siths940(), PinResult.of(PinStatus.OK), "135790\r\n192837\r\n192837\r\n",
                "change", "--pin", "sign", "--stdin", "--reader", StubMonitor.READER)).isZero();
        assertThat(monitor.calls).containsExactly("change Virtual PCD 00 00 SIGNATURE 135790 192837");
    }

    @Test
    void whenTheNewPinIsTrivial_thenNothingReachesTheCardAndExitIsEight() {
        assertThat(run(siths940(), PinResult.of(PinStatus.OK), "135790\n123456\n123456\n",
                "change", "--stdin")).isEqualTo(8);
        assertThat(monitor.calls).isEmpty();
        assertThat(err.toString()).contains("too easy to guess");
    }

    @Test
    void whenTheConfirmationDiffers_thenNothingReachesTheCard() {
        assertThat(run(siths940(), PinResult.of(PinStatus.OK), "135790\n192837\n192838\n",
                "change", "--stdin")).isEqualTo(8);
        assertThat(err.toString()).contains("the two new PINs differ");
        assertThat(monitor.calls).isEmpty();
    }

    @Test
    void whenTheCurrentPinIsWrong_thenExitThreeWithTriesLeft() {
        assertThat(run(siths940(), PinResult.of(PinStatus.WRONG_PIN, 2), "135790\n192837\n192837\n",
                "change", "--stdin")).isEqualTo(3);
        assertThat(err.toString()).contains("Wrong PIN, 2 tries left.");
    }

    @Test
    void whenThePinIsBlocked_thenChangeStopsBeforeAskingAndExitIsFour() {
        assertThat(run(StubMonitor.withCard(StubMonitor.ATR_940, 0), PinResult.of(PinStatus.OK), "",
                "change", "--stdin")).isEqualTo(4);
        assertThat(err.toString()).contains("legitimera pin unblock");
        assertThat(monitor.calls).isEmpty();
    }

    @Test
    void whenUnblocking_thenPukAndNewPinReachTheCard() {
        assertThat(run(siths940(), PinResult.of(PinStatus.OK), "12345678\n192837\n192837\n",
                "unblock", "--stdin")).isZero();
        assertThat(monitor.calls).containsExactly("unblock Virtual PCD 00 00 IDENTIFICATION 12345678 192837");
    }

    @Test
    void whenThePukIsWrong_thenExitThreeAndAWarning() {
        assertThat(run(siths940(), PinResult.of(PinStatus.WRONG_PUK, 9), "12345678\n192837\n192837\n",
                "unblock", "--stdin")).isEqualTo(3);
        assertThat(err.toString()).contains("Wrong PUK, 9 tries left.");
    }

    @Test
    void whenThePukHasSevenDigits_thenNothingReachesTheCard() {
        assertThat(run(siths940(), PinResult.of(PinStatus.OK), "1234567\n192837\n192837\n",
                "unblock", "--stdin")).isEqualTo(8);
        assertThat(monitor.calls).isEmpty();
    }

    @Test
    void whenInputEndsEarly_thenCancelledAndNothingSent() {
        assertThat(run(siths940(), PinResult.of(PinStatus.OK), "135790\n", "change", "--stdin")).isEqualTo(9);
        assertThat(monitor.calls).isEmpty();
    }

    @Test
    void whenThereIsNoConsoleAndNoStdinOption_thenUsageError() {
        assertThat(run(siths940(), PinResult.of(PinStatus.OK), "", "change")).isEqualTo(2);
        assertThat(err.toString()).contains("--stdin");
    }

    @Test
    void whenNoCardIsIn_thenExitFive() {
        MonitorSnapshot empty = new MonitorSnapshot(true, "", List.of());
        assertThat(run(empty, PinResult.of(PinStatus.OK), "", "change", "--stdin")).isEqualTo(5);
    }

    @Test
    void whenTheServiceIsDown_thenExitSeven() {
        MonitorSnapshot down = new MonitorSnapshot(false, "SCARD_E_NO_SERVICE", List.of());
        assertThat(run(down, PinResult.of(PinStatus.OK), "", "change", "--stdin")).isEqualTo(7);
    }

    @Test
    void whenTheCardIsUnknown_thenExitSixWithoutAnyOperation() {
        MonitorSnapshot unknown = StubMonitor.withCard(Atr.parse("3B8F8001804F0CA000000306030001000000006A"), 3);
        assertThat(run(unknown, PinResult.of(PinStatus.OK), "135790\n192837\n192837\n", "change", "--stdin"))
                .isEqualTo(6);
        assertThat(monitor.calls).isEmpty();
    }

    @Test
    void whenAn840IsAskedForItsSignaturePin_thenExitSix() {
        MonitorSnapshot siths840 = StubMonitor.withCard(Atr.parse("3B7F96000080318065B0850300EF120FFE829000"), 3);
        assertThat(run(siths840, PinResult.of(PinStatus.OK), "", "change", "--pin", "sign", "--stdin"))
                .isEqualTo(6);
        assertThat(err.toString()).contains("has no Underskrift PIN");
    }

    @Test
    void whenTheCardIsRemovedDuringTheChange_thenExitFive() {
        assertThat(run(siths940(), PinResult.of(PinStatus.CARD_REMOVED), "135790\n192837\n192837\n",
                "change", "--stdin")).isEqualTo(5);
        assertThat(err.toString()).contains("removed");
    }
}
