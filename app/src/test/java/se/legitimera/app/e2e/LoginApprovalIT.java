package se.legitimera.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
import se.legitimera.app.ui.window.WindowTestBench;
import se.legitimera.app.wiring.OobLoginOrders;
import se.legitimera.devkit.card.VirtualSithsCard;

/**
 * The out-of-band login through the real login dialog: a relying party starts an order at the devkit's
 * reference service on loopback, the link arrives as on a hand-over, and the app's OOB client and card
 * signer complete it with the virtual SITHS card in an in-JVM reader.
 */
class LoginApprovalIT {

    private static final String HSA_ID = "TSTNMT2321000156-1024";
    private static final String WRONG_PIN = "111111";

    @TempDir
    Path state;

    private WindowTestBench bench;
    private VirtualCardDesk desk;
    private ReferenceLogins logins;
    private final FxRobot robot = new FxRobot();

    private void open(TestInfo test, Duration orderTtl) throws Exception {
        bench = WindowTestBench.start("e2e-login-" + test.getTestMethod().orElseThrow().getName().split("_")[0]);
        // The desk's card is issued from the same PKI folder the service trusts.
        logins = ReferenceLogins.start(state, orderTtl);
        desk = new VirtualCardDesk(bench, state, (monitor, active, pins) -> new OobLoginOrders(logins.client, monitor,
                active, logins.issuers, pins));
        desk.insertCard();
        bench.await("the card", () -> desk.monitor.snapshot().readers().getFirst().card().isPresent());
    }

    @AfterEach
    void close() throws Exception {
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

    /** The RP starts an order and its link reaches the app as a later launch would hand it over. */
    private Map<String, Object> startLogin() throws Exception {
        Map<String, Object> order = logins.rp.auth("Journalen", "Logga in för att läsa journalen.");
        bench.fx(() -> {
            desk.handOver.receive(List.of((String) order.get("autoStartUrl")));
            return null;
        });
        return order;
    }

    private Stage loginDialog() {
        bench.await("the login dialog", () -> desk.windows.isShowing(FxmlView.LOGIN_APPROVAL));
        Stage dialog = bench.fx(() -> desk.windows.show(FxmlView.LOGIN_APPROVAL));
        bench.await("the order", () -> text(dialog, "#heading").equals("Jag legitimerar mig hos Journalen"));
        return dialog;
    }

    private Node node(Stage stage, String id) {
        return bench.fx(() -> stage.getScene().lookup(id));
    }

    private String text(Stage stage, String id) {
        return bench.fx(() -> ((Labeled) stage.getScene().lookup(id)).getText());
    }

    private void typePin(Stage dialog, String pin) {
        robot.clickOn(node(dialog, "#pin")).write(pin);
        robot.type(KeyCode.ENTER);
    }

    /** What the RP collects once the order has failed (the app cancels in the background). */
    private Map<String, Object> awaitFailed(Map<String, Object> order) {
        AtomicReference<Map<String, Object>> collected = new AtomicReference<>();
        bench.await("the order to fail at the service", () -> {
            try {
                collected.set(logins.rp.collect(order));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return "failed".equals(collected.get().get("status"));
        });
        return collected.get();
    }

    /** Waits for the dialog to close; when it stays, says what it shows instead. */
    private void awaitClosed(Stage dialog) {
        try {
            bench.await("the dialog to close", () -> !desk.windows.isShowing(FxmlView.LOGIN_APPROVAL));
        } catch (AssertionError e) {
            bench.screenshot(dialog, "still-open");
            throw new AssertionError("the dialog stayed open showing: " + text(dialog, "#notice"), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> completionData(Map<String, Object> collected) {
        return (Map<String, Object>) collected.get("completionData");
    }

    @Test
    void theRightPin_completesTheOrderWithTheHoldersHsaId(TestInfo test) throws Exception {
        open(test, Duration.ofSeconds(120));
        Map<String, Object> order = startLogin();
        Stage dialog = loginDialog();
        assertThat(text(dialog, "#rpMessage")).isEqualTo("Logga in för att läsa journalen.");
        assertThat(logins.rp.collect(order)).containsEntry("status", "pending").containsEntry("hintCode", "userSign");
        bench.screenshot(dialog, "order-shown");

        typePin(dialog, VirtualCardDesk.PIN);
        awaitClosed(dialog);
        Map<String, Object> collected = logins.rp.collect(order);
        assertThat(collected).containsEntry("status", "complete");
        assertThat(completionData(collected)).containsEntry("hsaId", HSA_ID).containsEntry("name", "Test Testsson");
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @Test
    void aWrongPin_keepsTheDialogOpen_thenTheRightPinCompletes(TestInfo test) throws Exception {
        open(test, Duration.ofSeconds(120));
        Map<String, Object> order = startLogin();
        Stage dialog = loginDialog();

        typePin(dialog, WRONG_PIN);
        bench.await("the card's wrong-PIN answer", () -> text(dialog, "#notice").equals("Fel PIN-kod, 2 försök kvar"));
        assertThat(bench.fx(() -> desk.windows.isShowing(FxmlView.LOGIN_APPROVAL))).isTrue();
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(2);
        assertThat(logins.rp.collect(order)).containsEntry("status", "pending");
        bench.screenshot(dialog, "wrong-pin");

        typePin(dialog, VirtualCardDesk.PIN);
        awaitClosed(dialog);
        Map<String, Object> collected = logins.rp.collect(order);
        assertThat(collected).containsEntry("status", "complete");
        assertThat(completionData(collected)).containsEntry("hsaId", HSA_ID);
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @Test
    void withPinCaching_theNextLoginNeedsOnlyLegitimera_untilTheCardLeaves(TestInfo test) throws Exception {
        open(test, Duration.ofSeconds(120));
        desk.pins.keepFor(Duration.ofMinutes(5));
        Map<String, Object> first = startLogin();
        Stage firstDialog = loginDialog();
        typePin(firstDialog, VirtualCardDesk.PIN);
        awaitClosed(firstDialog);
        assertThat(logins.rp.collect(first)).containsEntry("status", "complete");

        Map<String, Object> second = startLogin();
        Stage dialog = loginDialog();
        bench.await("the kept PIN's note", () -> node(dialog, "#pinSavedNote").isVisible());
        assertThat(text(dialog, "#pinSavedNote")).isEqualTo("Pinkoden är sparad i 5 minuter till");
        assertThat(bench.fx(() -> node(dialog, "#pin").isVisible())).isFalse();
        bench.screenshot(dialog, "pin-kept");
        robot.clickOn(node(dialog, "#approve"));
        awaitClosed(dialog);
        assertThat(logins.rp.collect(second)).containsEntry("status", "complete");

        desk.removeCard();
        bench.await("the card to go", () -> desk.monitor.snapshot().readers().getFirst().card().isEmpty());
        desk.insertCard();
        bench.await("the card", () -> desk.monitor.snapshot().readers().getFirst().card().isPresent());
        startLogin();
        Stage third = loginDialog();
        bench.await("the PIN field", () -> node(third, "#pin").isVisible());
        assertThat(bench.fx(() -> node(third, "#pinSavedNote").isVisible())).isFalse();
    }

    @Test
    void cancelling_failsTheOrderWithUserCancel(TestInfo test) throws Exception {
        open(test, Duration.ofSeconds(120));
        Map<String, Object> order = startLogin();
        Stage dialog = loginDialog();
        bench.screenshot(dialog, "before-cancel");

        robot.clickOn(node(dialog, "#cancel"));
        awaitClosed(dialog);
        assertThat(awaitFailed(order)).containsEntry("hintCode", "userCancel");
        assertThat(desk.card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    @Test
    void anOrderLeftWaiting_expiresAndTheDialogSaysWhy(TestInfo test) throws Exception {
        open(test, Duration.ofSeconds(4));
        Map<String, Object> order = startLogin();
        Stage dialog = loginDialog();
        bench.screenshot(dialog, "waiting");

        bench.await("the expiry", () -> text(dialog, "#notice").startsWith("Inloggningen tog för lång tid"));
        assertThat(node(dialog, "#pin").isVisible()).isFalse();
        assertThat(text(dialog, "#cancel")).isEqualTo("_Stäng");
        bench.screenshot(dialog, "expired");
        // The app rounds the order's expiry to whole seconds: the service may call it off a moment later.
        assertThat(awaitFailed(order)).containsEntry("hintCode", "expiredTransaction");

        robot.clickOn(node(dialog, "#cancel"));
        awaitClosed(dialog);
    }

    @Test
    void aLinkToAnExpiredOrder_saysTheLoginCouldNotStart(TestInfo test) throws Exception {
        open(test, Duration.ofSeconds(1));
        Map<String, Object> order = logins.rp.auth("Journalen", "Logga in för att läsa journalen.");
        Thread.sleep(1_500);
        bench.fx(() -> {
            desk.handOver.receive(List.of((String) order.get("autoStartUrl")));
            return null;
        });
        bench.await("the login dialog", () -> desk.windows.isShowing(FxmlView.LOGIN_APPROVAL));
        Stage dialog = bench.fx(() -> desk.windows.show(FxmlView.LOGIN_APPROVAL));
        bench.await("the refusal", () -> text(dialog, "#notice").startsWith("Inloggningen tog för lång tid"));
        assertThat(text(dialog, "#heading")).isEqualTo("Inloggningen gick inte att starta");
        bench.screenshot(dialog, "fetch-failed");
    }
}
