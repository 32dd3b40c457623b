package se.legitimera.app.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.Theme;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.app.ui.tunnel.TunnelPinController;
import se.legitimera.app.ui.tunnel.TunnelPinViewModel;
import se.legitimera.app.wiring.DialogPinPrompt;

/** The tunnel's PIN dialog on a real screen, used with the keyboard alone, as the gateway asks it. */
class TunnelPinDialogIT {

    private WindowTestBench bench;
    private final FxRobot robot = new FxRobot();
    private DialogPinPrompt prompt;

    @BeforeEach
    void openBench(org.junit.jupiter.api.TestInfo test) throws Exception {
        bench = WindowTestBench.start("TunnelPin-" + test.getTestMethod().orElseThrow().getName().split("_")[0]);
        TunnelPinViewModel dialog = new TunnelPinViewModel(bench.messages);
        Map<Class<?>, Supplier<?>> controllers = Map.of(TunnelPinController.class,
                () -> new TunnelPinController(dialog));
        WindowOpener windows = bench.windows(Theme.STANDARD, controllers);
        prompt = new DialogPinPrompt(dialog, () -> windows.show(FxmlView.TUNNEL_PIN), Platform::runLater,
                Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBench() {
        if (bench != null) {
            bench.close();
        }
    }

    /** Asks as a gateway connection does: on its own thread, blocking until the user answers. */
    private CompletableFuture<Object> ask(PinRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return prompt.askForPin(request);
            } catch (PinCancelledException e) {
                return e;
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
    }

    private Stage dialogStage() {
        bench.await("the PIN dialog", () -> Window.getWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.isShowing() && s.getScene().lookup("#asker") != null));
        return bench.fx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.isShowing()
                && s.getScene().lookup("#asker") != null).map(Stage.class::cast).findFirst().orElseThrow());
    }

    private Node node(Stage stage, String id) {
        return bench.fx(() -> stage.getScene().lookup(id));
    }

    @Test
    void typingThePinAndEnter_givesItToTheWaitingConnection() throws Exception {
        CompletableFuture<Object> answer = ask(new PinRequest("journal", "journal.example.se", false,
                OptionalInt.empty()));
        Stage stage = dialogStage();
        bench.await("the PIN field to have the focus", () -> node(stage, "#pin").isFocused());
        assertThat(bench.fx(() -> ((Labeled) node(stage, "#asker")).getText()))
                .isEqualTo("Tunneln journal vill logga in på journal.example.se med ditt SITHS-kort.");
        assertThat(bench.fx(stage::getModality)).isEqualTo(Modality.APPLICATION_MODAL);
        assertThat(bench.fx(() -> node(stage, "#confirm").isDisabled())).isTrue();
        assertThat(bench.fx(() -> node(stage, "#pin").getAccessibleText()))
                .isEqualTo("Ange pinkod för SITHS-kort (Legitimering)");
        bench.screenshot(stage, "asked");

        robot.write("123456");
        bench.screenshot(stage, "typed");
        robot.type(KeyCode.ENTER);

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("123456".toCharArray());
        bench.await("the dialog to close", () -> !stage.isShowing());
        assertThat(bench.fx(() -> ((PasswordField) node(stage, "#pin")).getText())).isEmpty();
    }

    @Test
    void escapeCancels_andTheConnectionGoesWithoutAPin() throws Exception {
        CompletableFuture<Object> answer = ask(new PinRequest("journal", "journal.example.se", true,
                OptionalInt.of(1)));
        Stage stage = dialogStage();
        bench.await("the PIN field to have the focus", () -> node(stage, "#pin").isFocused());
        assertThat(bench.fx(() -> ((Labeled) node(stage, "#notice")).getText())).isEqualTo("Fel PIN-kod, 1 försök kvar");
        assertThat(bench.fx(() -> ((Labeled) node(stage, "#warning")).getText())).startsWith("Sista försöket!");
        bench.screenshot(stage, "refused-last-try");

        robot.write("99");
        robot.type(KeyCode.ESCAPE);

        assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(PinCancelledException.class);
        bench.await("the dialog to close", () -> !stage.isShowing());
        assertThat(bench.fx(() -> ((PasswordField) node(stage, "#pin")).getText())).isEmpty();
    }

    @Test
    void closingTheWindowCancels_andASecondTunnelIsAskedNext() throws Exception {
        CompletableFuture<Object> first = ask(new PinRequest("journal", "journal.example.se", false,
                OptionalInt.empty()));
        Stage stage = dialogStage();
        CompletableFuture<Object> second = ask(new PinRequest("lab", "lab.example.se", false, OptionalInt.empty()));

        bench.fx(() -> stage.hide());

        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(PinCancelledException.class);
        Stage again = dialogStage();
        bench.await("the second question", () -> bench.fx(() -> ((Labeled) node(again, "#asker")).getText())
                .contains("lab"));
        bench.await("the PIN field to have the focus", () -> node(again, "#pin").isFocused());
        robot.write("654321").type(KeyCode.ENTER);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("654321".toCharArray());
    }
}
