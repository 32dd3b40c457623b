package se.legitimera.app.wiring;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.app.ui.tunnel.TunnelPinViewModel;

/**
 * The tunnels' {@link PinPrompt}: shows the app's PIN dialog on the JavaFX thread and blocks the gateway's
 * thread until the user answers. One question at a time: a second tunnel that needs the card waits until
 * the first is answered. A question nobody answers in time is cancelled, so no connection waits forever.
 */
public final class DialogPinPrompt implements PinPrompt {

    private static final Logger LOG = LoggerFactory.getLogger(DialogPinPrompt.class);

    private final TunnelPinViewModel dialog;
    private final Runnable showDialog;
    private final Executor fxThread;
    private final Duration patience;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    /**
     * @param dialog     the dialog's view model
     * @param showDialog opens the dialog window; run on the JavaFX thread
     * @param fxThread   runs work on the JavaFX thread (starting JavaFX when the app has not yet)
     * @param patience   how long a question waits for the user before it is cancelled
     */
    public DialogPinPrompt(TunnelPinViewModel dialog, Runnable showDialog, Executor fxThread, Duration patience) {
        this.dialog = Objects.requireNonNull(dialog, "dialog");
        this.showDialog = Objects.requireNonNull(showDialog, "showDialog");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.patience = Objects.requireNonNull(patience, "patience");
    }

    /**
     * Blocks until the user answers, the patience runs out or the thread is interrupted.
     *
     * @throws PinCancelledException when the user cancelled, closed the dialog or did not answer in time
     * @throws IllegalStateException on the JavaFX thread, which must never wait for the user like this
     */
    @Override
    public char[] askForPin(PinRequest request) throws PinCancelledException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("the PIN dialog is never awaited on the JavaFX thread");
        }
        try {
            oneAtATime.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinCancelledException("Interrupted while another PIN question was open");
        }
        try {
            CompletableFuture<char[]> answer = new CompletableFuture<>();
            fxThread.execute(() -> {
                dialog.ask(request, new TunnelPinViewModel.Answer() {
                    @Override
                    public void given(char[] pin) {
                        if (!answer.complete(pin)) {
                            Arrays.fill(pin, '\0');
                        }
                    }

                    @Override
                    public void cancelled() {
                        answer.complete(null);
                    }
                });
                showDialog.run();
            });
            return await(answer);
        } finally {
            oneAtATime.unlock();
        }
    }

    private char[] await(CompletableFuture<char[]> answer) throws PinCancelledException {
        char[] pin;
        try {
            pin = answer.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("No PIN was given within {} s: the tunnel's connection goes without", patience.toSeconds());
            giveUp(answer);
            throw new PinCancelledException("No PIN was given in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(answer);
            throw new PinCancelledException("Interrupted while waiting for the PIN");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the PIN dialog failed", e.getCause());
        }
        if (pin == null) {
            throw new PinCancelledException("The user cancelled the PIN dialog");
        }
        return pin;
    }

    // Our question is still the dialog's (the lock is held): close it; a PIN typed meanwhile is wiped.
    private void giveUp(CompletableFuture<char[]> answer) {
        answer.complete(null);
        fxThread.execute(dialog::cancel);
    }
}
