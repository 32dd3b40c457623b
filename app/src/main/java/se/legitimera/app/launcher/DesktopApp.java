package se.legitimera.app.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.cli.LegitimeraCommand.DesktopOptions;
import se.legitimera.app.status.ReaderStatusService;
import se.legitimera.app.tray.AwtTray;
import se.legitimera.app.tray.Tray;
import se.legitimera.app.tray.TrayIconImage;
import se.legitimera.app.tray.TrayMenuEntry;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.app.ui.main.MainController;
import se.legitimera.app.ui.main.MainViewModel;
import se.legitimera.smartcard.pcsc.ReaderScanner;

/**
 * Composition root of the desktop app: builds the services, the tray and the windows, and runs until Quit.
 */
final class DesktopApp {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private final ResourceBundle messages;
    private final CountDownLatch quitRequested = new CountDownLatch(1);

    private DesktopApp(ResourceBundle messages) {
        this.messages = messages;
    }

    static int runUntilQuit(DesktopOptions options) {
        return new DesktopApp(Messages.forLocale(Locale.getDefault())).run(options);
    }

    private int run(DesktopOptions options) {
        long started = System.nanoTime();
        startJavaFx();
        Optional<Tray> tray = AwtTray.install(TrayIconImage.draw(TrayIconImage.Tone.IDLE, 64),
                messages.getString("tray.tooltip"));
        if (tray.isPresent()) {
            // Only with a tray may the app live on without windows.
            Platform.setImplicitExit(false);
        }

        MainViewModel mainViewModel = new MainViewModel(messages);
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                MainController.class, () -> new MainController(mainViewModel, this::quit));
        WindowOpener windows = new WindowOpener(messages, controllers,
                tray.isPresent() ? () -> { } : this::quit);

        tray.ifPresent(t -> {
            t.show(messages.getString("tray.tooltip"), List.of(
                    new TrayMenuEntry.Action(messages.getString("tray.open"), () -> windows.show(FxmlView.MAIN)),
                    new TrayMenuEntry.Separator(),
                    new TrayMenuEntry.Action(messages.getString("tray.quit"), this::quit)));
            if (t instanceof AwtTray awt) {
                awt.onActivate(() -> windows.show(FxmlView.MAIN));
            }
        });

        try (ReaderStatusService readerStatus = new ReaderStatusService(ReaderScanner.smartcardio(), Duration.ofSeconds(2))) {
            readerStatus.start(snapshot -> Platform.runLater(() -> mainViewModel.update(snapshot)));
            if (!options.minimized() || tray.isEmpty()) {
                Platform.runLater(() -> windows.show(FxmlView.MAIN));
            }
            Platform.runLater(() -> LOG.info("Legitimera {} ready in {} ms ({})", AppVersion.current(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    tray.isPresent() ? "tray icon" : "window, no tray"));
            quitRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tray.ifPresent(Tray::remove);
            Platform.exit();
        }
        LOG.info("Legitimera quit");
        return 0;
    }

    private void quit() {
        quitRequested.countDown();
    }

    private static void startJavaFx() {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting JavaFX", e);
        }
    }
}
