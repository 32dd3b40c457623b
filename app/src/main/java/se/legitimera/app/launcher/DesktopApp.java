package se.legitimera.app.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.cli.LegitimeraCommand.DesktopOptions;
import se.legitimera.app.status.ReaderStatusService;
import se.legitimera.app.tray.AwtTray;
import se.legitimera.app.tray.TrayActions;
import se.legitimera.app.tray.TrayPresenter;
import se.legitimera.app.ui.about.AboutController;
import se.legitimera.app.ui.about.AboutViewModel;
import se.legitimera.app.ui.about.DiagnosticsExport;
import se.legitimera.app.ui.about.DiagnosticsFacts;
import se.legitimera.app.ui.about.PersonalData;
import se.legitimera.app.ui.about.SaveDialogExportTarget;
import se.legitimera.app.ui.common.ControllerFactory;
import se.legitimera.app.ui.common.FxDialogService;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.LazyFxThread;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.common.Theme;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.app.ui.login.LoginApprovalController;
import se.legitimera.app.ui.login.LoginApprovalViewModel;
import se.legitimera.app.ui.login.LoginOrders;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.app.ui.main.MainController;
import se.legitimera.app.ui.main.MainViewModel;
import se.legitimera.app.ui.pin.PinChangeAction;
import se.legitimera.app.ui.pin.PinChangeController;
import se.legitimera.app.ui.pin.PinChangeViewModel;
import se.legitimera.app.ui.pin.PinStatusSource;
import se.legitimera.app.ui.pin.PinStatusUnavailableException;
import se.legitimera.app.ui.pin.PinUnblockAction;
import se.legitimera.app.ui.pin.PukUnblockController;
import se.legitimera.app.ui.pin.PukUnblockViewModel;
import se.legitimera.smartcard.pcsc.PcscSnapshot;
import se.legitimera.smartcard.pcsc.ReaderScanner;
import se.legitimera.smartcard.pkcs11.ModuleLocator;

/**
 * Composition root of the desktop app: claims the single instance, puts the icon in the tray, builds view
 * models and windows, and runs until Quit. JavaFX starts only when a window is first needed, so an app that
 * sits in the tray stays small.
 */
final class DesktopApp {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private final ResourceBundle messages;
    private final UserFolders folders;
    private final Clock clock = Clock.systemDefaultZone();
    private final CountDownLatch quitRequested = new CountDownLatch(1);
    private final AtomicReference<PcscSnapshot> latestSnapshot = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("ui-worker")
            .daemon().uncaughtExceptionHandler((t, e) -> LOG.error("UI worker task failed", e)).factory());

    private DesktopApp(ResourceBundle messages, UserFolders folders) {
        this.messages = messages;
        this.folders = folders;
    }

    static int runUntilQuit(DesktopOptions options) {
        return new DesktopApp(Messages.forLocale(Locale.getDefault()), UserFolders.forCurrentUser()).run(options);
    }

    private int run(DesktopOptions options) {
        long started = System.nanoTime();
        AtomicReference<LinkReceiver> receiver = new AtomicReference<>();
        Optional<SingleInstance> instance;
        try {
            // Tests and benchmarks run beside a user's own Legitimera: they point at a folder of their own.
            Path runtime = Optional.ofNullable(System.getProperty("legitimera.runtimedir")).map(Path::of)
                    .orElse(folders.runtime());
            instance = SingleInstance.claim(runtime, options.link().map(List::of).orElse(List.of()),
                    arguments -> receiver.get().handOver(arguments, System.nanoTime()));
        } catch (IOException e) {
            LOG.error("Cannot reach or become the running Legitimera ({}); exiting", e.getMessage());
            return 1;
        }
        if (instance.isEmpty()) {
            LOG.info("Handed over to the running Legitimera in {} ms", (System.nanoTime() - started) / 1_000_000);
            return 0;
        }
        try (SingleInstance running = instance.get()) {
            return runFirstInstance(options, started, receiver);
        } finally {
            worker.shutdownNow();
        }
    }

    private int runFirstInstance(DesktopOptions options, long started, AtomicReference<LinkReceiver> receiver) {
        Theme theme = Theme.fromSystemProperties();
        AtomicReference<Boolean> trayPresent = new AtomicReference<>(false);
        List<Runnable> whenFxStarts = new CopyOnWriteArrayList<>();
        LazyFxThread fxThread = new LazyFxThread(() -> {
            // Only with a tray may the app live on without windows.
            Platform.setImplicitExit(!trayPresent.get());
            whenFxStarts.forEach(Runnable::run);
        });
        Optional<AwtTray> tray = AwtTray.install(messages.getString("tray.open"), fxThread);
        trayPresent.set(tray.isPresent());

        MainViewModel mainViewModel = new MainViewModel(messages, clock);
        PinChangeViewModel pinChange = new PinChangeViewModel(messages, pinStatusSource(), pinChangeAction(), worker,
                Platform::runLater);
        PukUnblockViewModel pukUnblock = new PukUnblockViewModel(messages, pinStatusSource(), pinUnblockAction(),
                worker, Platform::runLater);
        LoginApprovalViewModel login = new LoginApprovalViewModel(messages, loginOrders(), worker, Platform::runLater,
                clock);
        AboutViewModel about = new AboutViewModel(messages, this::collectDiagnostics,
                new DiagnosticsExport(folders.logs(), new PersonalData(System.getProperty("user.home"))), worker,
                Platform::runLater, clock);

        AtomicReference<WindowOpener> windowsRef = new AtomicReference<>();
        Supplier<WindowOpener> windows = windowsRef::get;
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                MainController.class, () -> new MainController(mainViewModel, new MainController.Actions(
                        () -> windows.get().show(FxmlView.PIN_CHANGE), () -> windows.get().show(FxmlView.PUK_UNBLOCK),
                        () -> windows.get().show(FxmlView.ABOUT), this::quit)),
                PinChangeController.class, () -> new PinChangeController(pinChange,
                        () -> windows.get().show(FxmlView.PUK_UNBLOCK)),
                PukUnblockController.class, () -> new PukUnblockController(pukUnblock),
                LoginApprovalController.class, () -> new LoginApprovalController(login),
                AboutController.class, () -> new AboutController(about,
                        new SaveDialogExportTarget(messages, Path.of(System.getProperty("user.home")))));
        windowsRef.set(new WindowOpener(messages, new ControllerFactory(controllers), theme,
                tray.isPresent() ? () -> { } : this::quit));

        Optional<TrayPresenter> trayPresenter = tray.map(t -> {
            TrayPresenter presenter = new TrayPresenter(t, messages, new TrayActions(
                    () -> windows.get().show(FxmlView.MAIN),
                    () -> windows.get().show(FxmlView.PIN_CHANGE),
                    () -> windows.get().show(FxmlView.PUK_UNBLOCK),
                    Optional.empty(),
                    () -> windows.get().show(FxmlView.ABOUT),
                    this::quit), clock);
            t.onActivate(() -> windows.get().show(FxmlView.MAIN));
            return presenter;
        });
        // The login view model lives on the FX thread; the tray hears about waiting logins from there.
        trayPresenter.ifPresent(presenter -> whenFxStarts.add(() -> login.waitingProperty().subscribe(waiting ->
                presenter.loginWaiting(waiting, login.rpNameProperty().get()))));
        whenFxStarts.add(() -> Optional.ofNullable(latestSnapshot.get()).ifPresent(mainViewModel::update));

        receiver.set((arguments, receivedAt) -> fxThread.execute(() -> {
            if (arguments.isEmpty()) {
                windows.get().show(FxmlView.MAIN);
                return;
            }
            login.start(arguments.getFirst());
            windows.get().show(FxmlView.LOGIN_APPROVAL);
            LOG.info("Login dialog shown {} ms after the hand-over", (System.nanoTime() - receivedAt) / 1_000_000);
        }));

        try (ReaderStatusService readerStatus = new ReaderStatusService(ReaderScanner.smartcardio(), Duration.ofSeconds(2))) {
            readerStatus.start(snapshot -> {
                latestSnapshot.set(snapshot);
                trayPresenter.ifPresent(p -> p.serviceChanged(snapshot.serviceAvailable(), snapshot.readers().size()));
                // Before JavaFX runs, the main window's model is filled when it first opens.
                if (fxThread.isStarted()) {
                    fxThread.execute(() -> mainViewModel.update(latestSnapshot.get()));
                }
            });
            if (options.demo()) {
                fxThread.execute(() -> new FxDialogService(messages, theme).showInfo(messages.getString("main.title"),
                        messages.getString("app.demoNotInstalled")));
            }
            if (options.link().isPresent()) {
                receiver.get().handOver(List.of(options.link().get()), System.nanoTime());
            } else if (!options.minimized() || tray.isEmpty()) {
                fxThread.execute(() -> windows.get().show(FxmlView.MAIN));
            }
            if (tray.isPresent() && options.link().isEmpty()) {
                logReady(started, "tray icon");
            } else {
                fxThread.execute(() -> logReady(started, tray.isPresent() ? "tray icon" : "window, no tray"));
            }
            quitRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tray.ifPresent(AwtTray::remove);
            if (fxThread.isStarted()) {
                Platform.exit();
            }
        }
        LOG.info("Legitimera quit");
        return 0;
    }

    private static void logReady(long started, String how) {
        LOG.info("Legitimera {} ready in {} ms ({})", AppVersion.current(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), how);
    }

    private void quit() {
        quitRequested.countDown();
    }

    /** Hands a later launch's arguments (a link, or none) to the windows. */
    @FunctionalInterface
    private interface LinkReceiver {
        void handOver(List<String> arguments, long receivedAtNanos);
    }

    private DiagnosticsFacts collectDiagnostics() {
        PcscSnapshot snapshot = ReaderScanner.smartcardio().scan();
        return new DiagnosticsFacts(AppVersion.current(),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("javafx.runtime.version", messages.getString("about.unknown")),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                snapshot.serviceAvailable(), snapshot.problem(),
                snapshot.readers().stream()
                        .map(name -> new DiagnosticsFacts.Reader(name, Optional.empty(), Optional.empty())).toList(),
                Optional.of(ModuleLocator.builder().build().present().stream().map(Path::toString).toList()));
    }

    // Until the smartcard and oob-auth adapters are wired (issue 3 and 5), card and login operations answer
    // honestly that this build cannot do them.
    private static PinStatusSource pinStatusSource() {
        return () -> {
            throw new PinStatusUnavailableException(new Outcome.NotSupported());
        };
    }

    private static PinChangeAction pinChangeAction() {
        return (role, currentPin, newPin) -> new Outcome.NotSupported();
    }

    private static PinUnblockAction pinUnblockAction() {
        return (role, puk, newPin) -> new Outcome.NotSupported();
    }

    private static LoginOrders loginOrders() {
        return link -> {
            throw new LoginUnavailableException(new Outcome.NotSupported());
        };
    }
}
