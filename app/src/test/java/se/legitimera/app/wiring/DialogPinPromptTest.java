package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.tunnel.TunnelPinViewModel;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DialogPinPromptTest {

    // Stands in for the JavaFX thread: one thread, tasks in order.
    private final ExecutorService uiThread = Executors.newSingleThreadExecutor();
    private final TunnelPinViewModel dialog = new TunnelPinViewModel(Messages.forLocale(Locale.of("sv")));
    private final AtomicInteger shown = new AtomicInteger();
    private final PinRequest request = new PinRequest("journal", "journal.example.se", false, OptionalInt.empty());

    @AfterEach
    void stop() {
        uiThread.shutdownNow();
    }

    private DialogPinPrompt prompt(Duration patience) {
        return new DialogPinPrompt(dialog, shown::incrementAndGet, uiThread, patience);
    }

    private void onUi(Runnable action) throws Exception {
        uiThread.submit(action).get();
    }

    private void awaitQuestion() throws Exception {
        while (shown.get() == 0) {
            Thread.sleep(5);
        }
        onUi(() -> { });
    }

    @Test
    void theGatewayThreadWaitsUntilTheUserGivesThePin() throws Exception {
        DialogPinPrompt prompt = prompt(Duration.ofSeconds(10));
        CompletableFuture<char[]> pin = CompletableFuture.supplyAsync(() -> {
            try {
                return prompt.askForPin(request);
            } catch (PinCancelledException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitQuestion();
        assertThat(pin).isNotDone();

        onUi(() -> {
            dialog.pinTyped("123456".toCharArray());
            dialog.confirm();
        });

        assertThat(pin.get(5, TimeUnit.SECONDS)).containsExactly('1', '2', '3', '4', '5', '6');
    }

    @Test
    void whenTheUserCancels_theGatewayGetsPinCancelled() throws Exception {
        DialogPinPrompt prompt = prompt(Duration.ofSeconds(10));
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                prompt.askForPin(request);
                return null;
            } catch (PinCancelledException e) {
                return e;
            }
        });
        awaitQuestion();

        onUi(dialog::cancel);

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(PinCancelledException.class);
    }

    @Test
    void aQuestionNobodyAnswers_isCancelledAfterThePatienceAndTheDialogCloses() throws Exception {
        DialogPinPrompt prompt = prompt(Duration.ofMillis(200));

        assertThatThrownBy(() -> prompt.askForPin(request)).isInstanceOf(PinCancelledException.class)
                .hasMessageContaining("in time");
        onUi(() -> { });
        assertThat(dialog.phaseProperty().get()).isEqualTo(TunnelPinViewModel.Phase.IDLE);
    }
}
