package se.legitimera.app.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.testfx.api.FxRobot;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.common.Theme;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.app.ui.login.LoginApprovalController;
import se.legitimera.app.ui.login.LoginApprovalViewModel;
import se.legitimera.app.ui.login.LoginDetails;
import se.legitimera.app.ui.login.LoginOrder;

/** The login dialog ("Jag legitimerar mig hos ...") on a real screen. */
class LoginApprovalIT {

    private WindowTestBench bench;
    private final FxRobot robot = new FxRobot();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private int triesLeft = 3;
    private volatile Instant savedUntil;
    private final AtomicBoolean approvedWithSavedPin = new AtomicBoolean();
    private LoginApprovalViewModel viewModel;
    private WindowOpener windows;

    private final class Order implements LoginOrder {
        @Override
        public LoginDetails details() {
            return new LoginDetails("Nationell patientöversikt", "https://npo.example.se",
                    "https://idp.example.se", Optional.of("Logga in för att läsa patientöversikten."),
                    Instant.now().plusSeconds(120));
        }

        @Override
        public synchronized Outcome approve(char[] pin) {
            if (Arrays.equals(pin, "123456".toCharArray())) {
                return new Outcome.Done();
            }
            triesLeft--;
            return new Outcome.WrongCode(Outcome.Code.PIN, triesLeft);
        }

        @Override
        public Optional<Instant> pinSavedUntil() {
            return Optional.ofNullable(savedUntil);
        }

        @Override
        public Optional<Outcome> approveWithSavedPin() {
            approvedWithSavedPin.set(true);
            return Optional.of(new Outcome.Done());
        }

        @Override
        public void forgetSavedPin() {
            savedUntil = null;
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    @BeforeEach
    void openBench(TestInfo test) throws Exception {
        bench = WindowTestBench.start("login-" + test.getTestMethod().orElseThrow().getName().split("_")[0]);
        viewModel = new LoginApprovalViewModel(bench.messages, link -> new Order(), bench.worker, Platform::runLater,
                Clock.systemUTC());
        windows = bench.windows(Theme.STANDARD,
                Map.of(LoginApprovalController.class, () -> new LoginApprovalController(viewModel)));
    }

    @AfterEach
    void closeBench() {
        if (bench != null) {
            bench.close();
        }
    }

    private Stage open() {
        Stage stage = bench.fx(() -> {
            viewModel.start("legitimera://auth?service=https%3A%2F%2Fidp.example.se&token=abcdefghijklmnopqrst");
            return windows.show(FxmlView.LOGIN_APPROVAL);
        });
        bench.await("the order", () -> text(stage, "#heading").equals("Jag legitimerar mig hos Nationell patientöversikt"));
        return stage;
    }

    private Node node(Stage stage, String id) {
        return bench.fx(() -> stage.getScene().lookup(id));
    }

    private String text(Stage stage, String id) {
        return bench.fx(() -> ((Labeled) stage.getScene().lookup(id)).getText());
    }

    @Test
    void loggingIn_wrongPinThenRight() {
        Stage stage = open();
        assertThat(text(stage, "#origin")).isEqualTo("Webbplats: https://npo.example.se");
        assertThat(text(stage, "#pinPrompt")).isEqualTo("Ange _pinkod för SITHS-kort (Legitimering)");
        bench.await("the countdown", () -> text(stage, "#countdown").startsWith("Inloggningen gäller i"));
        bench.screenshot(stage, "shown");

        robot.write("111111");
        robot.type(KeyCode.ENTER);
        bench.await("the wrong PIN answer", () -> text(stage, "#notice").equals("Fel PIN-kod, 2 försök kvar"));
        assertThat(stage.isShowing()).isTrue();
        assertThat(bench.fx(() -> ((PasswordField) node(stage, "#pin")).getText())).isEmpty();
        bench.screenshot(stage, "wrong-pin");

        robot.write("111111");
        robot.type(KeyCode.ENTER);
        bench.await("the last-try warning", () -> node(stage, "#warning").isVisible());
        bench.screenshot(stage, "last-try");

        robot.write("123456");
        robot.type(KeyCode.ENTER);
        bench.await("the dialog to close", () -> !stage.isShowing());
        assertThat(cancelled).isFalse();
    }

    @Test
    void cardRemoved_endsTheLoginWithTheReason() {
        Stage stage = open();
        robot.write("12");

        bench.fx(() -> viewModel.endExternally(new Outcome.CardRemoved()));

        bench.await("the reason", () -> text(stage, "#notice").startsWith("Kortet togs ut"));
        assertThat(bench.fx(() -> node(stage, "#pin").isVisible())).isFalse();
        assertThat(text(stage, "#cancel")).isEqualTo("_Stäng");
        assertThat(cancelled).isTrue();
        bench.screenshot(stage, "card-removed");
    }

    @Test
    void avbryt_cancelsTheOrderAndClosesTheDialog() {
        Stage stage = open();

        robot.type(KeyCode.ESCAPE);

        bench.await("the dialog to close", () -> !stage.isShowing());
        bench.await("the cancel to reach the service", cancelled::get);
    }

    @Test
    void aSecondLinkBringsTheDialogToTheFront() {
        Stage stage = open();
        bench.fx(stage::toBack);

        bench.fx(() -> {
            viewModel.start("legitimera://auth?service=https%3A%2F%2Fidp.example.se&token=zyxwvutsrqponmlkjihg");
            windows.show(FxmlView.LOGIN_APPROVAL);
        });

        bench.await("the new order", () -> text(stage, "#heading").startsWith("Jag legitimerar mig hos"));
        assertThat(bench.fx(stage::isShowing)).isTrue();
        assertThat(bench.fx(stage::isAlwaysOnTop)).isTrue();
        assertThat(cancelled).isTrue();
    }

    @Test
    void keptPin_theDialogSaysSoAndLegitimeraLogsIn() {
        savedUntil = Instant.now().plusSeconds(600);
        Stage stage = open();
        bench.await("the kept PIN's note", () -> text(stage, "#pinSavedNote").equals("Pinkoden är sparad i 10 minuter till"));
        assertThat(bench.fx(() -> node(stage, "#pin").isVisible())).isFalse();
        assertThat(bench.fx(() -> node(stage, "#forgetPin").isVisible())).isTrue();
        bench.screenshot(stage, "pin-saved");

        robot.type(KeyCode.ENTER);

        bench.await("the dialog to close", () -> !stage.isShowing());
        assertThat(approvedWithSavedPin).isTrue();
    }

    @Test
    void keptPin_forgettingItBringsBackThePinField() {
        savedUntil = Instant.now().plusSeconds(600);
        Stage stage = open();
        bench.await("the kept PIN's note", () -> node(stage, "#forgetPin").isVisible());

        robot.clickOn("#forgetPin");

        bench.await("the PIN field", () -> node(stage, "#pin").isVisible());
        assertThat(bench.fx(() -> node(stage, "#forgetPin").isVisible())).isFalse();
        assertThat(savedUntil).isNull();
        robot.write("123456");
        robot.type(KeyCode.ENTER);
        bench.await("the dialog to close", () -> !stage.isShowing());
        assertThat(approvedWithSavedPin).isFalse();
    }
}
