package se.legitimera.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Pane;
import java.util.stream.Collectors;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.app.ui.window.WindowTestBench;
import se.legitimera.devkit.card.CardSecrets;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.smartcard.api.PinKind;

/**
 * PIN change and PUK unblock through the real windows, the app's adapters and card monitor, against the
 * virtual SITHS card in an in-JVM reader: what the card says is what the user sees.
 */
class CardPinIT {

    @TempDir
    Path state;

    private WindowTestBench bench;
    private VirtualCardDesk desk;
    private final FxRobot robot = new FxRobot();

    private void open(TestInfo test) throws Exception {
        bench = WindowTestBench.start("e2e-" + test.getTestMethod().orElseThrow().getName().split("_")[0]);
        desk = new VirtualCardDesk(bench, state, link -> {
            throw new LoginUnavailableException(new Outcome.NotSupported());
        });
    }

    @AfterEach
    void close() {
        if (desk != null) {
            desk.close();
        }
        if (bench != null) {
            bench.close();
        }
    }

    private Node node(Stage stage, String id) {
        return bench.fx(() -> stage.getScene().lookup(id));
    }

    private String text(Stage stage, String id) {
        return bench.fx(() -> ((Labeled) stage.getScene().lookup(id)).getText());
    }

    /** The main window's PIN lines as its labels show them. */
    private String pinLines(Stage stage) {
        return bench.fx(() -> ((Pane) stage.getScene().lookup("#pinTries")).getChildren().stream()
                .filter(Labeled.class::isInstance).map(n -> ((Labeled) n).getText())
                .collect(Collectors.joining(" | ")));
    }

    @Test
    void changingThePin_onTheVirtualCard_wrongThenRight(TestInfo test) throws Exception {
        open(test);
        Stage main = bench.fx(() -> desk.windows.show(FxmlView.MAIN));
        bench.await("no card", () -> text(main, "#cardStatus").startsWith("Inget kort"));
        bench.screenshot(main, "main-no-card");

        desk.insertCard();
        bench.await("the card in the main window",
                () -> text(main, "#cardStatus").equals("SITHS 940 i " + VirtualCardDesk.READER));
        assertThat(pinLines(main)).contains("PIN-kod för Legitimering: 3 försök kvar");
        bench.screenshot(main, "main-card-inserted");

        robot.clickOn(node(main, "#changePin"));
        bench.await("the PIN change window", () -> desk.windows.isShowing(FxmlView.PIN_CHANGE));
        Stage change = bench.fx(() -> desk.windows.show(FxmlView.PIN_CHANGE));
        bench.await("the card's tries", () -> text(change, "#tries").equals("3 försök kvar"));
        bench.screenshot(change, "pin-change-opened");

        robot.clickOn(node(change, "#currentPin")).write("111111");
        robot.clickOn(node(change, "#newPin")).write("24681357");
        robot.clickOn(node(change, "#confirmPin")).write("24681357");
        robot.type(KeyCode.ENTER);
        bench.await("the card's wrong-PIN answer", () -> text(change, "#notice").equals("Fel PIN-kod, 2 försök kvar"));
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(2);
        bench.await("the main window's count", () -> pinLines(main).contains("Legitimering: 2 försök kvar"));
        bench.screenshot(change, "pin-change-wrong-pin");

        robot.clickOn(node(change, "#currentPin")).write(VirtualCardDesk.PIN);
        robot.type(KeyCode.ENTER);
        bench.await("the change", () -> text(change, "#notice").equals("PIN-koden för Legitimering är bytt."));
        bench.screenshot(change, "pin-change-done");
        try (CardSecrets secrets = desk.card.secrets()) {
            assertThat(secrets.identificationPin()).containsExactly("24681357".toCharArray());
        }
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
        bench.await("the main window's count", () -> pinLines(main).contains("Legitimering: 3 försök kvar"));
        robot.type(KeyCode.ESCAPE);
        bench.screenshot(main, "main-after-change");
    }

    /** The main window's certificate lines as its labels show them. */
    private String certificateLines(Stage stage) {
        return bench.fx(() -> stage.getScene().lookup("#certificates").lookupAll(".label").stream()
                .map(n -> ((Labeled) n).getText()).collect(Collectors.joining(" | ")));
    }

    @Test
    void theMainWindow_showsTheCardsCertificates(TestInfo test) throws Exception {
        open(test);
        Stage main = bench.fx(() -> desk.windows.show(FxmlView.MAIN));
        desk.insertCard();
        // No OCSP responder listens at the test certificates' address: the check ends as "could not be checked".
        bench.await("the certificates with their revocation check",
                () -> certificateLines(main).contains("Spärrstatus | Kunde inte kontrolleras"));
        String lines = certificateLines(main);
        bench.screenshot(main, "main-certificates");
        assertThat(lines).contains("Certifikat för legitimering", "Certifikat för underskrift",
                "Innehavare | Test Testsson", "HSA-id | TSTNMT2321000156-1024", "dagar kvar)");
        assertThat(lines.indexOf("Certifikat för legitimering")).isLessThan(lines.indexOf("Certifikat för underskrift"));
    }

    @Test
    void unblockingWithThePuk_afterThreeWrongPins(TestInfo test) throws Exception {
        open(test);
        desk.insertCard();
        bench.await("the card", () -> desk.monitor.snapshot().readers().getFirst().card().isPresent());
        for (int i = 0; i < 3; i++) {
            desk.monitor.pins(VirtualCardDesk.READER).verify(PinKind.IDENTIFICATION, "999999".toCharArray());
        }
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isZero();

        Stage main = bench.fx(() -> desk.windows.show(FxmlView.MAIN));
        bench.await("the blocked PIN in the main window", () -> pinLines(main).contains("Legitimering: spärrad"));
        bench.screenshot(main, "main-pin-blocked");

        Stage change = bench.fx(() -> desk.windows.show(FxmlView.PIN_CHANGE));
        bench.await("the blocked state", () -> node(change, "#unblock").isVisible());
        bench.screenshot(change, "pin-change-blocked");
        robot.clickOn(node(change, "#unblock"));
        bench.await("the PUK window", () -> desk.windows.isShowing(FxmlView.PUK_UNBLOCK));
        Stage puk = bench.fx(() -> desk.windows.show(FxmlView.PUK_UNBLOCK));
        bench.await("the PUK tries", () -> text(puk, "#tries").equals("10 försök kvar med PUK-koden"));
        bench.screenshot(puk, "puk-opened");

        robot.clickOn(node(puk, "#puk")).write("87654321");
        robot.clickOn(node(puk, "#newPin")).write("13572468");
        robot.clickOn(node(puk, "#confirmPin")).write("13572468");
        robot.type(KeyCode.ENTER);
        bench.await("the wrong-PUK answer", () -> text(puk, "#notice").equals("Fel PUK-kod, 9 försök kvar"));
        assertThat(desk.card.triesLeft(VirtualSithsCard.PUK)).isEqualTo(9);
        bench.screenshot(puk, "puk-wrong");

        robot.clickOn(node(puk, "#puk")).write(VirtualCardDesk.PUK);
        robot.type(KeyCode.ENTER);
        bench.await("the unblock", () -> !text(puk, "#notice").startsWith("Fel"));
        bench.screenshot(puk, "puk-done");
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
        try (CardSecrets secrets = desk.card.secrets()) {
            assertThat(secrets.identificationPin()).containsExactly("13572468".toCharArray());
        }
        bench.await("the main window's count", () -> pinLines(main).contains("Legitimering: 3 försök kvar"));
        bench.screenshot(main, "main-after-unblock");
    }

    @Test
    void removingTheCard_whileThePinDialogIsOpen_isNotAWrongPin(TestInfo test) throws Exception {
        open(test);
        desk.insertCard();
        bench.await("the card", () -> desk.monitor.snapshot().readers().getFirst().card().isPresent());
        Stage change = bench.fx(() -> desk.windows.show(FxmlView.PIN_CHANGE));
        bench.await("the card's tries", () -> text(change, "#tries").equals("3 försök kvar"));
        desk.removeCard();
        bench.await("the card to be gone", () -> desk.monitor.snapshot().readers().getFirst().card().isEmpty());

        robot.clickOn(node(change, "#currentPin")).write(VirtualCardDesk.PIN);
        robot.clickOn(node(change, "#newPin")).write("24681357");
        robot.clickOn(node(change, "#confirmPin")).write("24681357");
        robot.type(KeyCode.ENTER);
        bench.await("an answer", () -> !text(change, "#notice").isEmpty());
        bench.screenshot(change, "pin-change-no-card");
        assertThat(text(change, "#notice")).doesNotStartWith("Fel PIN-kod");
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @Test
    void aPinDialogOpenedBeforeTheCard_readsTheCardWhenItArrives(TestInfo test) throws Exception {
        open(test);
        Stage change = bench.fx(() -> desk.windows.show(FxmlView.PIN_CHANGE));
        bench.await("the no-card answer", () -> text(change, "#notice").startsWith("Inget SITHS-kort"));
        bench.screenshot(change, "pin-change-before-card");

        desk.insertCard();
        bench.await("the card's tries", () -> text(change, "#tries").equals("3 försök kvar"));
        bench.screenshot(change, "pin-change-card-arrived");
    }
}
