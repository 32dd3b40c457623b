package se.legitimera.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;

class StatusCommandTest {

    private final StringWriter out = new StringWriter();

    private int run(MonitorSnapshot snapshot, String... args) {
        StubMonitor monitor = new StubMonitor(snapshot, PinResult.of(PinStatus.OK));
        CommandLine cli = new CommandLine(new StatusCommand(() -> monitor));
        cli.setOut(new PrintWriter(out));
        int code = cli.execute(args);
        assertThat(monitor.closed).isTrue();
        return code;
    }

    @Test
    void whenA940IsIn_thenTextShowsTypeAtrAndTries() {
        assertThat(run(StubMonitor.withCard(StubMonitor.ATR_940, 2))).isZero();
        assertThat(out.toString()).contains("PC/SC service: available", "Reader: Virtual PCD 00 00",
                "Card: SITHS 940", "ATR: 3B 7F 96 00 00 80 31 80 65 B0 85 59 56 FB 12 0F FE 82 90 00",
                "PIN Legitimering: 2 of 3 tries left", "PIN Underskrift: 3 of 3 tries left",
                "PUK: 10 of 10 tries left", "Reader: Virtual PCD 00 01", "No card");
    }

    @Test
    void whenJsonIsAsked_thenTheSameFactsComeAsJson() {
        assertThat(run(StubMonitor.withCard(StubMonitor.ATR_940, 3), "--json")).isZero();
        assertThat(out.toString().strip()).startsWith("{\"service\":{\"available\":true,\"problem\":\"\"}")
                .contains("\"name\":\"Virtual PCD 00 00\",\"cardPresent\":true,\"card\":{\"type\":\"SITHS_940\"")
                .contains("\"kind\":\"IDENTIFICATION\",\"label\":\"Legitimering\",\"reference\":17,"
                        + "\"triesLeft\":3,\"maxTries\":3,\"blocked\":false")
                .contains("\"puk\":{\"triesLeft\":10,\"maxTries\":10,\"blocked\":false}")
                .contains("\"name\":\"Virtual PCD 00 01\",\"cardPresent\":false,\"card\":null");
    }

    @Test
    void whenTheCardIsUnknown_thenItIsNamedSoWithoutPins() {
        assertThat(run(StubMonitor.withCard(Atr.parse("3B8F8001804F0CA000000306030001000000006A"), 3))).isZero();
        assertThat(out.toString()).contains("Card: Unknown card", "not read (unknown card: PKCS#11 only)")
                .doesNotContain("PIN Legitimering");
    }

    @Test
    void whenTheServiceIsDown_thenExitCodeSevenAndTheReason() {
        assertThat(run(new MonitorSnapshot(false, "SCARD_E_NO_SERVICE", List.of()))).isEqualTo(7);
        assertThat(out.toString()).contains("not available (SCARD_E_NO_SERVICE)");
    }

    @Test
    void whenTheProblemHasQuotes_thenJsonEscapesThem() {
        run(new MonitorSnapshot(false, "bad \"thing\"\n", List.of()), "--json");
        assertThat(out.toString()).contains("\"problem\":\"bad \\\"thing\\\"\\n\"");
    }
}
