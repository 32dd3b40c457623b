package se.legitimera.app.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on the JavaFX Application Thread, starting JavaFX on the first task. A tray app that only sits
 * in the tray never starts JavaFX and idles at about a third of the memory (docs/architecture.md).
 * Safe to call from any thread; tasks run in the order they were given. When JavaFX cannot start (no display,
 * no GTK on Linux), the pending tasks are dropped and {@code onStartFailed} is told once, on the thread that
 * tried; later tasks are dropped too, so nothing waits for a toolkit that will never come.
 */
public final class LazyFxThread implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(LazyFxThread.class);

    private final Runnable onStarted;
    private final Consumer<Throwable> onStartFailed;
    private final List<Runnable> pending = new ArrayList<>();
    private boolean starting;
    private boolean started;
    private boolean failed;

    /**
     * @param onStarted     runs on the JavaFX thread once JavaFX is up, before any task
     * @param onStartFailed told why JavaFX could not start (JavaFX's own exception or linkage error); it
     *                      reports the failure, this class does not
     */
    public LazyFxThread(Runnable onStarted, Consumer<Throwable> onStartFailed) {
        this.onStarted = onStarted;
        this.onStartFailed = onStartFailed;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (failed) {
                return;
            }
            if (!started) {
                pending.add(task);
                if (!starting) {
                    starting = true;
                    // Platform.startup waits for the toolkit: never make the caller (AWT, a reader thread) wait.
                    Thread.ofPlatform().name("javafx-start").daemon().start(this::startJavaFx);
                }
                return;
            }
        }
        Platform.runLater(task);
    }

    /**
     * Whether JavaFX runs; once true, a task given to {@link #execute} runs after {@code onStarted}, so state
     * recorded before this turned true is seen by {@code onStarted} and state recorded after by the task.
     */
    public synchronized boolean isStarted() {
        return started;
    }

    private void startJavaFx() {
        try {
            startToolkit();
        } catch (RuntimeException | LinkageError e) {
            synchronized (this) {
                failed = true;
                pending.clear();
            }
            // onStartFailed tells the user and logs it: one clear line, no stack trace on the terminal.
            onStartFailed.accept(e);
        }
    }

    private void startToolkit() {
        long begin = System.nanoTime();
        Platform.startup(() -> {
            LOG.info("JavaFX started in {} ms", (System.nanoTime() - begin) / 1_000_000);
            List<Runnable> tasks;
            synchronized (this) {
                // From here on new tasks go through runLater, so they run after onStarted and the pending ones.
                started = true;
                tasks = List.copyOf(pending);
                pending.clear();
            }
            // Not run inside the start-up runnable itself: the toolkit finishes starting only when it returns,
            // and a task that opens a modal dialog (showAndWait) would keep every window unpainted.
            Platform.runLater(() -> {
                runLogged(onStarted);
                tasks.forEach(LazyFxThread::runLogged);
            });
        });
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("UI task failed", e);
        }
    }
}
