package se.legitimera.app.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.common.Theme;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.app.ui.pin.PinChangeController;
import se.legitimera.app.ui.pin.PinChangeViewModel;
import se.legitimera.app.ui.pin.PinFormat;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.app.ui.pin.PinStatus;
import se.legitimera.app.ui.pin.PukUnblockController;
import se.legitimera.app.ui.pin.PukUnblockViewModel;

/** The PIN change and PUK dialogs on a real screen, driven by keyboard and mouse as a user would. */
class PinDialogsIT {

    private WindowTestBench bench;
    private final FxRobot robot = new FxRobot();

    /** A card like the virtual 940: identification PIN 123456, PUK 12345678, tries counted down. */
    private final class Card {
        int pinTries = 3;
        int pukTries = 2;
        char[] pin = "123456".toCharArray();

        synchronized List<PinStatus> read() {
            return List.of(new PinStatus(PinRole.IDENTIFICATION, OptionalInt.of(pinTries), OptionalInt.of(pukTries),
                            PinFormat.SITHS_PIN, PinFormat.SITHS_PUK),
                    new PinStatus(PinRole.SIGNATURE, OptionalInt.of(3), OptionalInt.of(pukTries), PinFormat.SITHS_PIN,
                            PinFormat.SITHS_PUK));
        }

        synchronized Outcome change(PinRole role, char[] current, char[] next) {
            if (pinTries == 0) {
                return new Outcome.CodeBlocked(Outcome.Code.PIN);
            }
            if (!Arrays.equals(current, pin)) {
                pinTries--;
                return pinTries == 0 ? new Outcome.CodeBlocked(Outcome.Code.PIN)
                        : new Outcome.WrongCode(Outcome.Code.PIN, pinTries);
            }
            pin = next.clone();
            pinTries = 3;
            return new Outcome.Done();
        }

        synchronized Outcome unblock(PinRole role, char[] puk, char[] next) {
            if (!Arrays.equals(puk, "12345678".toCharArray())) {
                pukTries--;
                return pukTries == 0 ? new Outcome.CodeBlocked(Outcome.Code.PUK)
                        : new Outcome.WrongCode(Outcome.Code.PUK, pukTries);
            }
            pin = next.clone();
            pinTries = 3;
            return new Outcome.Done();
        }
    }

    private final Card card = new Card();
    private WindowOpener windows;

    @BeforeEach
    void openBench(org.junit.jupiter.api.TestInfo test) throws Exception {
        bench = WindowTestBench.start(test.getTestMethod().orElseThrow().getName().split("_")[0]);
        AtomicReference<WindowOpener> self = new AtomicReference<>();
        PinChangeViewModel pinChange = new PinChangeViewModel(bench.messages, card::read, card::change, bench.worker,
                Platform::runLater);
        PukUnblockViewModel pukUnblock = new PukUnblockViewModel(bench.messages, card::read, card::unblock,
                bench.worker, Platform::runLater);
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                PinChangeController.class, () -> new PinChangeController(pinChange,
                        () -> self.get().show(FxmlView.PUK_UNBLOCK)),
                PukUnblockController.class, () -> new PukUnblockController(pukUnblock));
        windows = bench.windows(Theme.STANDARD, controllers);
        self.set(windows);
    }

    @AfterEach
    void closeBench() {
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

    @Test
    void changingThePin_wrongThenRight() {
        Stage stage = bench.fx(() -> windows.show(FxmlView.PIN_CHANGE));
        bench.await("the card to be read", () -> text(stage, "#tries").equals("3 försök kvar"));
        bench.screenshot(stage, "opened");

        robot.clickOn(node(stage, "#currentPin")).write("111111");
        robot.clickOn(node(stage, "#newPin")).write("2468");
        bench.screenshot(stage, "rules-while-typing");
        assertThat(bench.fx(() -> node(stage, "#submit").isDisabled())).isTrue();

        robot.write("1357");
        robot.clickOn(node(stage, "#confirmPin")).write("24681357");
        bench.screenshot(stage, "rules-met");
        robot.type(KeyCode.ENTER);
        bench.await("the wrong PIN answer", () -> text(stage, "#notice").equals("Fel PIN-kod, 2 försök kvar"));
        assertThat(text(stage, "#tries")).isEqualTo("2 försök kvar");
        assertThat(bench.fx(() -> ((PasswordField) node(stage, "#currentPin")).getText())).isEmpty();
        bench.screenshot(stage, "wrong-pin");

        robot.clickOn(node(stage, "#currentPin")).write("111111");
        robot.type(KeyCode.ENTER);
        bench.await("the last-try warning", () -> node(stage, "#warning").isVisible());
        assertThat(text(stage, "#warning")).startsWith("Sista försöket!");
        bench.screenshot(stage, "last-try-warning");

        robot.clickOn(node(stage, "#currentPin")).write("123456");
        robot.type(KeyCode.ENTER);
        bench.await("the change", () -> text(stage, "#notice").equals("PIN-koden för Legitimering är bytt."));
        assertThat(text(stage, "#cancel")).isEqualTo("_Stäng");
        bench.screenshot(stage, "changed");

        robot.type(KeyCode.ESCAPE);
        bench.await("the window to close", () -> !stage.isShowing());
        assertThat(bench.fx(() -> ((PasswordField) node(stage, "#newPin")).getText())).isEmpty();
        assertThat(new String(card.pin)).isEqualTo("24681357");
    }

    @Test
    void aBlockedPin_leadsToThePukDialog_whoseLastTryWarnsAndWhoseBlockSendsToAnAdministrator() {
        card.pinTries = 0;
        Stage change = bench.fx(() -> windows.show(FxmlView.PIN_CHANGE));
        bench.await("the blocked state", () -> node(change, "#unblock").isVisible());
        bench.screenshot(change, "pin-blocked");

        robot.clickOn(node(change, "#unblock"));
        bench.await("the PUK dialog", () -> windows.isShowing(FxmlView.PUK_UNBLOCK) && !change.isShowing());
        Stage puk = bench.fx(() -> windows.show(FxmlView.PUK_UNBLOCK));
        bench.await("the PUK tries", () -> text(puk, "#tries").equals("2 försök kvar med PUK-koden"));
        bench.screenshot(puk, "puk-opened");

        robot.clickOn(node(puk, "#puk")).write("87654321");
        robot.clickOn(node(puk, "#newPin")).write("13572468");
        robot.clickOn(node(puk, "#confirmPin")).write("13572468");
        robot.type(KeyCode.ENTER);
        bench.await("the last PUK try warning", () -> node(puk, "#warning").isVisible());
        assertThat(text(puk, "#notice")).isEqualTo("Fel PUK-kod, 1 försök kvar");
        assertThat(text(puk, "#warning")).contains("för gott");
        bench.screenshot(puk, "puk-last-try");

        robot.clickOn(node(puk, "#puk")).write("87654321");
        robot.type(KeyCode.ENTER);
        bench.await("the PUK block", () -> text(puk, "#notice").contains("ID-administratör"));
        assertThat(bench.fx(() -> ((Button) node(puk, "#submit")).isVisible())).isFalse();
        bench.screenshot(puk, "puk-blocked");
    }

    @Test
    void unblockingWithTheRightPuk_setsTheNewPin() {
        card.pinTries = 0;
        Stage puk = bench.fx(() -> windows.show(FxmlView.PUK_UNBLOCK));
        bench.await("the PUK tries", () -> text(puk, "#tries").equals("2 försök kvar med PUK-koden"));

        robot.clickOn(node(puk, "#puk")).write("12345678");
        robot.clickOn(node(puk, "#newPin")).write("13572468");
        robot.clickOn(node(puk, "#confirmPin")).write("13572468");
        robot.type(KeyCode.ENTER);

        bench.await("the unblock", () -> text(puk, "#notice").equals("PIN-koden för Legitimering är upplåst och bytt."));
        bench.screenshot(puk, "unblocked");
        assertThat(new String(card.pin)).isEqualTo("13572468");
        List<String> empty = new ArrayList<>();
        for (String id : List.of("#puk", "#newPin", "#confirmPin")) {
            empty.add(bench.fx(() -> ((PasswordField) node(puk, id)).getText()));
        }
        assertThat(empty).containsOnly("");
    }
}
