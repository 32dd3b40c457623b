package se.legitimera.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.OutcomeTexts;
import se.legitimera.app.ui.login.LoginWaitingState;
import se.legitimera.app.ui.login.LoginWaitingState.Phase;
import se.legitimera.app.ui.window.WindowTestBench;
import se.legitimera.app.wiring.ActiveHolderCard;
import se.legitimera.app.wiring.LoginWaiting;
import se.legitimera.app.wiring.OobLoginOrders;
import se.legitimera.app.wiring.WaitingStart;
import se.legitimera.devkit.card.VirtualSithsCard;

/**
 * Waiting for logins addressed to the card holder (protocol section 5) with the app's windows, adapters and
 * poll session wired as DesktopApp wires them, the virtual SITHS card in an in-JVM reader and the devkit's
 * reference service on loopback: an order the relying party addresses to the card's HSA-id reaches the login
 * dialog with its message without any link, and the card's leaving ends the session.
 */
class LoginWaitingIT {

    private static final String HSA_ID = "TSTNMT2321000156-1024";
    private static final String BINDING_MESSAGE = "Inloggning till Journalen, kod 4711";

    @TempDir
    Path state;

    private WindowTestBench bench;
    private VirtualCardDesk desk;
    private ReferenceLogins logins;
    private LoginWaiting waiting;
    private final FxRobot robot = new FxRobot();

    private void open(TestInfo test) throws Exception {
        bench = WindowTestBench.start("e2e-waiting-" + test.getTestMethod().orElseThrow().getName().split("_")[0]);
        logins = ReferenceLogins.start(state, Duration.ofSeconds(120));
        desk = new VirtualCardDesk(bench, state, (monitor, active, pins) -> new OobLoginOrders(logins.client, monitor,
                active, logins.issuers, pins));
        // As DesktopApp: orders go to the hand-over on the JavaFX thread, card news from the relay.
        waiting = new LoginWaiting(logins.client, Optional.of(logins.service.serviceUrl()),
                new ActiveHolderCard(desk.monitor, desk.active, logins.issuers), desk.pins,
                link -> Platform.runLater(() -> desk.handOver.receive(List.of(link.toUri()))), next -> { },
                Clock.systemUTC());
        desk.whenActiveCardRemoved.add(waiting::cardRemoved);
        desk.whenActiveCardArrived.add(waiting::cardArrived);
        desk.insertCard();
        bench.await("the card", () -> desk.monitor.snapshot().readers().getFirst().card().isPresent());
    }

    @AfterEach
    void close() throws Exception {
        if (waiting != null) {
            waiting.close();
        }
        if (desk != null) {
            desk.close();
        }
        if (bench != null) {
            bench.close();
        }
        if (logins != null) {
            logins.close();
        }
    }

    private void awaitPhase(Phase phase) {
        bench.await("waiting for logins to be " + phase, () -> waiting.state().phase() == phase);
    }

    private String text(Stage stage, String id) {
        return bench.fx(() -> ((Labeled) stage.getScene().lookup(id)).getText());
    }

    private Node node(Stage stage, String id) {
        return bench.fx(() -> stage.getScene().lookup(id));
    }

    /** Every poll thread has ended: whatever its last long poll brought back has been dealt with. */
    private static void awaitPollThreadsEnded() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("login-poll-")) {
                thread.join(Duration.ofSeconds(45));
                assertThat(thread.isAlive()).as("poll thread %s still running", thread.getName()).isFalse();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> completionData(Map<String, Object> collected) {
        return (Map<String, Object>) collected.get("completionData");
    }

    @Test
    void anOrderAddressedToTheCardHolder_showsItsMessage_andTheTypedPinCompletesIt(TestInfo test) throws Exception {
        open(test);
        waiting.enabled(true);
        awaitPhase(Phase.NEEDS_PIN);
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);

        // "Vänta på inloggningar": the PIN in the app's PIN dialog, as the tray menu and main window ask it.
        bench.fx(new WaitingStart(waiting, desk.pinDialog, () -> desk.windows));
        bench.await("the PIN dialog", () -> desk.windows.isShowing(FxmlView.WAITING_PIN));
        Stage pinDialog = bench.fx(() -> desk.windows.show(FxmlView.WAITING_PIN));
        assertThat(bench.fx(() -> pinDialog.getTitle())).isEqualTo("Legitimera \u2013 vänta på inloggningar");
        assertThat(text(pinDialog, "#asker")).contains(logins.service.serviceUrl().toString());
        bench.screenshot(pinDialog, "start-waiting-pin");
        robot.clickOn(node(pinDialog, "#pin")).write(VirtualCardDesk.PIN);
        robot.type(KeyCode.ENTER);
        awaitPhase(Phase.WAITING);
        assertThat(bench.fx(() -> desk.windows.isShowing(FxmlView.WAITING_PIN))).isFalse();
        Map<String, Object> order = logins.rp.authFor(HSA_ID, "Journalen", BINDING_MESSAGE);

        bench.await("the login dialog", () -> desk.windows.isShowing(FxmlView.LOGIN_APPROVAL));
        Stage dialog = bench.fx(() -> desk.windows.show(FxmlView.LOGIN_APPROVAL));
        bench.await("the order", () -> text(dialog, "#heading").equals("Jag legitimerar mig hos Journalen"));
        assertThat(text(dialog, "#rpMessage")).isEqualTo(BINDING_MESSAGE);
        bench.screenshot(dialog, "addressed-order-shown");
        robot.clickOn(node(dialog, "#pin")).write(VirtualCardDesk.PIN);
        robot.type(KeyCode.ENTER);
        bench.await("the dialog to close", () -> !desk.windows.isShowing(FxmlView.LOGIN_APPROVAL));

        Map<String, Object> collected = logins.rp.collect(order);
        assertThat(collected).containsEntry("status", "complete");
        assertThat(completionData(collected)).containsEntry("hsaId", HSA_ID);
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
        assertThat(waiting.state().phase()).isEqualTo(Phase.WAITING);
    }

    @Test
    void whenTheCardLeaves_theSessionEnds_andALaterAddressedOrderIsNotPickedUp(TestInfo test) throws Exception {
        open(test);
        waiting.enabled(true);
        awaitPhase(Phase.NEEDS_PIN);
        waiting.start(VirtualCardDesk.PIN.toCharArray());
        awaitPhase(Phase.WAITING);

        desk.removeCard();
        awaitPhase(Phase.NO_CARD);
        // The order wakes the long poll still out; the app drops what it brings, and polls no more.
        Map<String, Object> later = logins.rp.authFor(HSA_ID, "Journalen", BINDING_MESSAGE);
        awaitPollThreadsEnded();

        assertThat(logins.rp.collect(later)).containsEntry("status", "pending")
                .containsEntry("hintCode", "outstandingTransaction");
        assertThat(bench.fx(() -> desk.windows.isShowing(FxmlView.LOGIN_APPROVAL))).isFalse();
        assertThat(waiting.state().phase()).isEqualTo(Phase.NO_CARD);
    }

    @Test
    void aWrongPinWhenStarting_costsExactlyOneTry_andIsNotTriedAgain(TestInfo test) throws Exception {
        open(test);
        waiting.enabled(true);
        awaitPhase(Phase.NEEDS_PIN);

        waiting.start("111111".toCharArray());
        bench.await("the card's wrong-PIN answer", () -> waiting.state().problem().isPresent());
        LoginWaitingState refused = waiting.state();
        assertThat(refused.phase()).isEqualTo(Phase.NEEDS_PIN);
        assertThat(new OutcomeTexts(bench.messages).describe(refused.problem().orElseThrow()))
                .isEqualTo("Fel PIN-kod, 2 försök kvar");
        awaitPollThreadsEnded();
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(2);

        // A card that comes back is not sent the refused PIN again: the user is asked.
        desk.removeCard();
        awaitPhase(Phase.NO_CARD);
        desk.insertCard();
        awaitPhase(Phase.NEEDS_PIN);
        awaitPollThreadsEnded();
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(2);
    }
}
