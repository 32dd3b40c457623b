package se.legitimera.app.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import se.legitimera.app.ui.about.AboutController;
import se.legitimera.app.ui.about.AboutViewModel;
import se.legitimera.app.ui.about.DiagnosticsExport;
import se.legitimera.app.ui.about.DiagnosticsFacts;
import se.legitimera.app.ui.about.PersonalData;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.Theme;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.app.ui.main.CardOverview;
import se.legitimera.app.ui.main.CertificateOverview;
import se.legitimera.app.ui.main.MainController;
import se.legitimera.app.ui.main.MainViewModel;
import se.legitimera.app.ui.pin.PinFormat;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.app.ui.pin.PinStatus;
import se.legitimera.smartcard.pcsc.PcscSnapshot;

/** The main window with cards, and the about window's diagnostics export, on a real screen. */
class MainAndAboutIT {

    @TempDir
    Path temp;

    private WindowTestBench bench;
    private final FxRobot robot = new FxRobot();
    private MainViewModel main;
    private AboutViewModel about;

    @BeforeEach
    void openBench(TestInfo test) throws Exception {
        bench = WindowTestBench.start("main-" + test.getTestMethod().orElseThrow().getName().split("_")[0]);
        main = new MainViewModel(bench.messages, Clock.systemDefaultZone());
        Path logs = Files.createDirectories(temp.resolve("logs"));
        Files.writeString(logs.resolve("legitimera.log"), "card for 19121212-1212 inserted\n");
        about = new AboutViewModel(bench.messages, () -> new DiagnosticsFacts("0.1.0", "25", "25.0.2", "Linux",
                true, "", List.of(new DiagnosticsFacts.Reader("Virtual PCD 00 00",
                        Optional.of("3B 7F 96 00 00 80 31 80 65 B0 85 59 56 FB 12 0F FE 82 90 00"), Optional.of("SITHS 940"))),
                Optional.of(List.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so \u2013 OpenSC Project, OpenSC smartcard "
                        + "framework 0.23 (PKCS#11 2.20)")),
                Optional.of(new DiagnosticsFacts.Service("https://idp.example.se",
                        DiagnosticsFacts.Reachability.PIN_MISMATCH, "the service's key matches none of its pins"))),
                new DiagnosticsExport(logs, new PersonalData("")), bench.worker, Platform::runLater,
                Clock.systemDefaultZone());
    }

    @AfterEach
    void closeBench() {
        if (bench != null) {
            bench.close();
        }
    }

    private WindowOpener windows(Theme theme, Runnable openAbout) {
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                MainController.class, () -> new MainController(main, new MainController.Actions(() -> { }, () -> { },
                        () -> { }, openAbout, () -> { }, name -> { }, () -> { }, () -> { })),
                AboutController.class, () -> new AboutController(about,
                        (owner, name) -> Optional.of(temp.resolve(name))));
        return bench.windows(theme, controllers);
    }

    private static CardOverview card(String reader, int tries, LocalDate validTo) {
        CertificateOverview identification = new CertificateOverview(CertificateOverview.Usage.IDENTIFICATION,
                "Tolvan Tolvansson", "TSTNMT2321000156-1024", "TEST SITHS e-id Person HSA-id 3 CA v1", validTo,
                Optional.of(3), CertificateOverview.Revocation.GOOD);
        CertificateOverview signature = new CertificateOverview(CertificateOverview.Usage.SIGNATURE,
                "Tolvan Tolvansson", "TSTNMT2321000156-1024", "TEST SITHS e-id Person HSA-id 3 CA v1", validTo,
                Optional.of(3), CertificateOverview.Revocation.NOT_CHECKED);
        return new CardOverview(reader, "SITHS 940", List.of(identification, signature), List.of(
                new PinStatus(PinRole.IDENTIFICATION, OptionalInt.of(tries), OptionalInt.of(10), PinFormat.SITHS_PIN,
                        PinFormat.SITHS_PUK),
                new PinStatus(PinRole.SIGNATURE, OptionalInt.of(3), OptionalInt.of(10), PinFormat.SITHS_PIN,
                        PinFormat.SITHS_PUK)));
    }

    private void showCards() {
        bench.fx(() -> {
            main.update(new PcscSnapshot(true, List.of("Virtual PCD 00 00", "Virtual PCD 00 01"), ""));
            main.updateCards(List.of(card("Virtual PCD 00 00", 1, LocalDate.now().plusDays(12)),
                    card("Virtual PCD 00 01", 3, LocalDate.now().plusDays(400))));
        });
    }

    @Test
    void mainWindow_showsTheActiveCardAndTheLastTryWarning() {
        WindowOpener windows = windows(Theme.STANDARD, () -> { });
        Stage stage = bench.fx(() -> windows.show(FxmlView.MAIN));
        showCards();

        bench.await("the card", () -> ((Labeled) stage.getScene().lookup("#cardStatus")).getText()
                .equals("SITHS 940 i Virtual PCD 00 00"));
        assertThat(bench.fx(() -> stage.getScene().lookup("#cardChooserRow").isVisible())).isTrue();
        assertThat(bench.fx(() -> ((Labeled) stage.getScene().lookup("#pinWarning")).getText()))
                .startsWith("Sista försöket");
        bench.screenshot(stage, "two-cards");
    }

    @Test
    void highContrast_isAppliedOnTop() {
        WindowOpener windows = windows(Theme.HIGH_CONTRAST, () -> { });
        Stage stage = bench.fx(() -> windows.show(FxmlView.MAIN));
        showCards();

        assertThat(bench.fx(() -> stage.getScene().getStylesheets())).hasSize(2)
                .last().asString().endsWith("legitimera-high-contrast.css");
        bench.screenshot(stage, "high-contrast");
    }

    @Test
    void everyControlHasAnAccessibleNameWithoutMnemonicMarks() {
        WindowOpener windows = windows(Theme.STANDARD, () -> { });
        Stage stage = bench.fx(() -> windows.show(FxmlView.MAIN));
        Stage aboutStage = bench.fx(() -> windows.show(FxmlView.ABOUT));

        for (Stage s : List.of(stage, aboutStage)) {
            List<Node> unnamed = bench.fx(() -> s.getScene().getRoot().lookupAll(".button").stream()
                    .filter(n -> n instanceof Control c && (c.getAccessibleText() == null
                            || c.getAccessibleText().isBlank() || c.getAccessibleText().contains("_")))
                    .toList());
            assertThat(unnamed).isEmpty();
        }
    }

    @Test
    void aboutWindow_exportsAZipWithPersonalDataMasked() throws Exception {
        WindowOpener windows = windows(Theme.STANDARD, () -> { });
        Stage stage = bench.fx(() -> windows.show(FxmlView.ABOUT));
        bench.await("the report", () -> ((TextArea) stage.getScene().lookup("#report")).getText().contains("SITHS 940"));
        bench.screenshot(stage, "report");
        String report = bench.fx(() -> ((TextArea) stage.getScene().lookup("#report")).getText());
        assertThat(report).contains("OpenSC Project, OpenSC smartcard framework 0.23")
                .contains("Inloggningstjänst").contains("https://idp.example.se")
                .contains("VARNING: nyckeln stämmer inte med någon inställd pinning (TLS-avlyssning?)");

        robot.clickOn(bench.fx(() -> stage.getScene().lookup("#export")));

        bench.await("the export", () -> ((Labeled) stage.getScene().lookup("#notice")).getText()
                .startsWith("Diagnostiken sparades"));
        bench.screenshot(stage, "exported");
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.matches("legitimera-diagnostik-\\d{8}-\\d{4}\\.zip"));
        }
    }
}
