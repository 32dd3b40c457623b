package se.legitimera.app.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.cli.LegitimeraCommand.DesktopOptions;
import se.legitimera.app.settings.CardProfilePolicy;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.Settings;
import se.legitimera.app.settings.SettingsStore;
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
import se.legitimera.app.ui.login.HandOver;
import se.legitimera.app.ui.login.LoginApprovalController;
import se.legitimera.app.ui.login.LoginApprovalViewModel;
import se.legitimera.app.ui.login.LoginOrders;
import se.legitimera.app.ui.main.MainController;
import se.legitimera.app.ui.main.MainViewModel;
import se.legitimera.app.ui.pin.PinChangeController;
import se.legitimera.app.ui.pin.PinChangeViewModel;
import se.legitimera.app.ui.pin.PinRole;
import se.legitimera.app.ui.pin.PukUnblockController;
import se.legitimera.app.ui.pin.PukUnblockViewModel;
import se.legitimera.app.ui.settings.SettingsController;
import se.legitimera.app.ui.settings.SettingsViewModel;
import se.legitimera.app.ui.tunnel.TunnelPinController;
import se.legitimera.app.ui.tunnel.TunnelPinViewModel;
import se.legitimera.app.wiring.ActiveCard;
import se.legitimera.app.wiring.CardCertificates;
import se.legitimera.app.wiring.CardEventRelay;
import se.legitimera.app.wiring.CachedTunnelPins;
import se.legitimera.app.wiring.CardPicture;
import se.legitimera.app.wiring.CardPinStatusSource;
import se.legitimera.app.wiring.CardPinUpdates;
import se.legitimera.app.wiring.LoadedModules;
import se.legitimera.app.wiring.IdentificationPinCache;
import se.legitimera.app.wiring.OobLoginOrders;
import se.legitimera.app.wiring.ServiceAccess;
import se.legitimera.app.wiring.SystemBrowser;
import se.legitimera.app.wiring.TrustLevels;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobClientBuilder;
import se.legitimera.oob.ServiceCheck;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.demo.DemoEnvironment;
import se.legitimera.oob.demo.DemoEnvironmentFactory;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.cert.IssuerLocator;
import se.legitimera.smartcard.cert.RevocationChecker;
import se.legitimera.smartcard.cert.SithsCertificateReader;
import se.legitimera.smartcard.pcsc.TerminalSource;
import se.legitimera.smartcard.pkcs11.ModuleLocator;

/**
 * Composition root of the desktop app: claims the single instance, puts the icon in the tray, watches the
 * card readers, builds view models, adapters and windows, and runs until Quit. JavaFX starts only when a
 * window is first needed, so an app that sits in the tray stays small.
 */
final class DesktopApp {

    /** Exit code when {@code --demo} finds no demo: as the CLI's "not supported". */
    static final int DEMO_NOT_INSTALLED = 6;

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private final ResourceBundle messages;
    private final UserFolders folders;
    private final Clock clock = Clock.systemDefaultZone();
    private final CountDownLatch quitRequested = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(0);
    private final AtomicReference<CardPicture> latestPicture = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("ui-worker")
            .daemon().uncaughtExceptionHandler((t, e) -> LOG.error("UI worker task failed", e)).factory());
    // Certificate reading and OCSP may wait on a slow card or responder: apart from the UI worker.
    private final ExecutorService certificateWork = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("card-certificates").daemon()
            .uncaughtExceptionHandler((t, e) -> LOG.error("Certificate task failed", e)).factory());

    private final SettingsStore store;
    private final Settings settings;

    private DesktopApp(ResourceBundle messages, UserFolders folders, SettingsStore store, Settings settings) {
        this.messages = messages;
        this.folders = folders;
        this.store = store;
        this.settings = settings;
    }

    /**
     * Runs the desktop app until Quit.
     *
     * @param store    where the settings window reads and saves
     * @param settings the settings read once at start-up: the language picks the texts, the services and
     *                 pins configure logins
     */
    static int runUntilQuit(DesktopOptions options, SettingsStore store, Settings settings) {
        settings.problems().forEach(problem -> LOG.warn("Setting ignored: {}", problem));
        if (!LoginStart.proceeds(options, settings)) {
            LOG.info("Started at login, but start-at-login is false ({}): quitting",
                    settings.get(SettingKey.START_AT_LOGIN).source());
            return 0;
        }
        Locale language = settings.get(SettingKey.LANGUAGE).value().locale();
        return new DesktopApp(Messages.forLocale(language), UserFolders.forCurrentUser(), store, settings)
                .run(options);
    }

    private int run(DesktopOptions options) {
        long started = System.nanoTime();
        Optional<DemoEnvironmentFactory> demo = Optional.empty();
        if (options.demo()) {
            // Installers leave the devkit out: then no provider exists, and the user is told so plainly.
            demo = ServiceLoader.load(DemoEnvironmentFactory.class).findFirst();
            if (demo.isEmpty()) {
                System.err.println(messages.getString("app.demoNotInstalled"));
                LOG.warn("--demo given, but no demo environment is installed");
                return DEMO_NOT_INSTALLED;
            }
        }
        AtomicReference<LinkReceiver> receiver = new AtomicReference<>();
        AtomicReference<SingleInstance.Commands> commands = new AtomicReference<>();
        Optional<SingleInstance> instance;
        try {
            instance = SingleInstance.claim(SingleInstance.folder(folders),
                    options.link().map(List::of).orElse(List.of()),
                    arguments -> receiver.get().handOver(arguments, System.nanoTime()),
                    command -> Optional.ofNullable(commands.get()).map(c -> c.answer(command)).orElseGet(() ->
                            new SingleInstance.Answer(1, "Legitimera is still starting: try again in a moment.")));
        } catch (IOException e) {
            LOG.error("Cannot reach or become the running Legitimera ({}); exiting", e.getMessage());
            return 1;
        }
        if (instance.isEmpty()) {
            LOG.info("Handed over to the running Legitimera in {} ms", (System.nanoTime() - started) / 1_000_000);
            if (options.demo()) {
                System.err.println(messages.getString("app.demoNeedsQuit"));
            }
            return 0;
        }
        try (SingleInstance running = instance.get()) {
            Optional<DemoEnvironment> environment = Optional.empty();
            if (demo.isPresent()) {
                try {
                    environment = Optional.of(demo.get().start(folders.config().resolve("demo")));
                } catch (IOException e) {
                    LOG.error("The demo environment did not start", e);
                    System.err.println(Messages.format(messages, "app.demoFailed", e.getMessage()));
                    return 1;
                }
            }
            try {
                return runFirstInstance(options, environment, started, receiver, commands);
            } finally {
                environment.ifPresent(DemoEnvironment::close);
            }
        } finally {
            worker.shutdownNow();
            certificateWork.shutdownNow();
        }
    }

    private int runFirstInstance(DesktopOptions options, Optional<DemoEnvironment> demo, long started,
                                 AtomicReference<LinkReceiver> receiver,
                                 AtomicReference<SingleInstance.Commands> commands) {
        Optional<WindowToolkitProblem> noDisplay = WindowToolkitProblem.beforeStart(System.getenv(),
                System.getProperty("os.name"));
        if (noDisplay.isPresent()) {
            return noDisplay.get().report(messages, "no DISPLAY or WAYLAND_DISPLAY", null);
        }
        Theme theme = Theme.fromSystemProperties();
        AtomicReference<Boolean> trayPresent = new AtomicReference<>(false);
        List<Runnable> whenFxStarts = new CopyOnWriteArrayList<>();
        LazyFxThread fxThread = new LazyFxThread(() -> {
            // Only with a tray may the app live on without windows.
            Platform.setImplicitExit(!trayPresent.get());
            whenFxStarts.forEach(Runnable::run);
        }, failure -> {
            // A tray app that can never open a window is of no use: say why once and end.
            exitCode.set(WindowToolkitProblem.of(failure).report(messages, String.valueOf(failure.getMessage()),
                    failure));
            quit();
        });
        Optional<AwtTray> tray = AwtTray.install(messages.getString("tray.open"), fxThread);
        trayPresent.set(tray.isPresent());

        // One source of truth for readers and cards: the monitor (real PC/SC, or the demo's virtual readers).
        TerminalSource terminals = demo.map(d -> TerminalSource.of(d.terminals())).orElseGet(TerminalSource::pcsc);
        Optional<OobClient> oob = demo.map(DesktopApp::demoClient).or(this::configuredClient);
        AtomicReference<DesktopTunnels> tunnelsRef = new AtomicReference<>();
        // Closed before the monitor: quitting wipes a kept PIN.
        try (CardMonitor monitor = CardMonitor.builder().withTerminalSource(terminals)
                .withProfiles(CardProfilePolicy.forThisMachine()).build();
             IdentificationPinCache pinCache = IdentificationPinCache.start(
                     Duration.ofMinutes(settings.get(SettingKey.PIN_CACHE_MINUTES).value()), clock)) {
            ActiveCard activeCard = new ActiveCard(monitor);

            MainViewModel mainViewModel = new MainViewModel(messages, clock);
            CardPinStatusSource pinStatus = new CardPinStatusSource(monitor, activeCard);
            CardPinUpdates pinUpdates = new CardPinUpdates(monitor, activeCard, pinCache);
            PinChangeViewModel pinChange = new PinChangeViewModel(messages, pinStatus, pinUpdates, worker,
                    Platform::runLater);
            PukUnblockViewModel pukUnblock = new PukUnblockViewModel(messages, pinStatus,
                    pinUpdates, worker, Platform::runLater);
            // The card holds no CA: the demo names its own; otherwise the certificate's AIA tells where it is.
            IssuerLocator issuers = IssuerLocator.builder()
                    .withKnownCertificates(demo.map(DemoEnvironment::cardIssuers).orElse(List.of())).build();
            LoginOrders orders = oob.<LoginOrders>map(client -> new OobLoginOrders(client, monitor, activeCard,
                    issuers, pinCache)).orElseGet(OobLoginOrders::noServiceAllowed);
            LoginApprovalViewModel login = new LoginApprovalViewModel(messages, orders, worker,
                    Platform::runLater, clock);
            Optional<LoginStart> loginStart = LoginStart.forThisMachine();
            SettingsViewModel settingsWindow = new SettingsViewModel(messages, store, worker, Platform::runLater,
                    saved -> apply(saved, pinCache, loginStart));
            // The user's autostart entry follows the merged setting even when a file changed behind the app.
            worker.execute(() -> apply(settings, pinCache, loginStart));
            Optional<ServiceOrigin> service = demo.map(d -> ServiceOrigin.parse(d.serviceOrigin().toString()))
                    .or(() -> ServiceAccess.selectedService(settings));
            AboutViewModel about = new AboutViewModel(messages, () -> collectDiagnostics(monitor.snapshot(),
                    oob.flatMap(client -> service.map(client::check))),
                    new DiagnosticsExport(folders.logs(), new PersonalData(System.getProperty("user.home"))), worker,
                    Platform::runLater, clock);

            AtomicReference<WindowOpener> windowsRef = new AtomicReference<>();
            Supplier<WindowOpener> windows = windowsRef::get;
            Map<Class<?>, Supplier<?>> controllers = new HashMap<>(Map.of(
                    MainController.class, () -> new MainController(mainViewModel, new MainController.Actions(
                            () -> windows.get().show(FxmlView.PIN_CHANGE),
                            () -> windows.get().show(FxmlView.PUK_UNBLOCK),
                            () -> windows.get().show(FxmlView.SETTINGS),
                            () -> windows.get().show(FxmlView.ABOUT), this::quit,
                            name -> tunnelsRef.get().toggle(name))),
                    PinChangeController.class, () -> new PinChangeController(pinChange,
                            () -> windows.get().show(FxmlView.PUK_UNBLOCK)),
                    PukUnblockController.class, () -> new PukUnblockController(pukUnblock),
                    LoginApprovalController.class, () -> new LoginApprovalController(login),
                    SettingsController.class, () -> new SettingsController(settingsWindow),
                    AboutController.class, () -> new AboutController(about,
                            new SaveDialogExportTarget(messages, Path.of(System.getProperty("user.home"))))));
            TunnelPinViewModel tunnelPin = new TunnelPinViewModel(messages);
            controllers.put(TunnelPinController.class, () -> new TunnelPinController(tunnelPin));
            windowsRef.set(new WindowOpener(messages, new ControllerFactory(controllers), theme,
                    tray.isPresent() ? () -> { } : this::quit));

            Optional<TrayPresenter> trayPresenter = tray.map(t -> {
                TrayPresenter presenter = new TrayPresenter(t, messages, new TrayActions(
                        () -> windows.get().show(FxmlView.MAIN),
                        () -> windows.get().show(FxmlView.PIN_CHANGE),
                        () -> windows.get().show(FxmlView.PUK_UNBLOCK),
                        Optional.of(() -> windows.get().show(FxmlView.SETTINGS)),
                        () -> windows.get().show(FxmlView.ABOUT),
                        this::quit), clock);
                t.onActivate(() -> windows.get().show(FxmlView.MAIN));
                return presenter;
            });
            // The login view model lives on the FX thread; the tray hears about waiting logins from there.
            trayPresenter.ifPresent(presenter -> whenFxStarts.add(() -> login.waitingProperty().subscribe(waiting ->
                    presenter.loginWaiting(waiting, login.rpNameProperty().get()))));
            // Before JavaFX runs, the main window's model is filled when it first opens.
            whenFxStarts.add(() -> Optional.ofNullable(latestPicture.get()).ifPresent(p -> show(mainViewModel, p)));
            whenFxStarts.add(() -> mainViewModel.activeCardProperty().subscribe(card ->
                    activeCard.choose(card == null ? null : card.readerName())));

            DesktopTunnels tunnels = new DesktopTunnels(settings, new CachedTunnelPins(pinCache, monitor), tunnelPin,
                    windows, worker, fxThread, whenFxStarts, trayPresenter, mainViewModel);
            tunnelsRef.set(tunnels);
            commands.set(tunnels::answer);
            CardEventRelay relay = new CardEventRelay(monitor, activeCard, trayPresenter, new CardEventRelay.Screen() {
                @Override
                public void show(CardPicture picture) {
                    latestPicture.set(picture);
                    if (fxThread.isStarted()) {
                        fxThread.execute(() -> DesktopApp.show(mainViewModel, latestPicture.get()));
                    }
                }

                @Override
                public void activeCardRemoved() {
                    tunnels.cardRemoved();
                    if (fxThread.isStarted()) {
                        fxThread.execute(() -> login.endExternally(new Outcome.CardRemoved()));
                    }
                }

                @Override
                public void activeCardArrived() {
                    if (fxThread.isStarted()) {
                        fxThread.execute(() -> {
                            if (windows.get().isShowing(FxmlView.PIN_CHANGE)) {
                                pinChange.open(PinRole.IDENTIFICATION);
                            }
                            if (windows.get().isShowing(FxmlView.PUK_UNBLOCK)) {
                                pukUnblock.open();
                            }
                        });
                    }
                }
            });
            tunnels.startAutostarted();
            CardCertificates certificates = new CardCertificates(monitor, certificateReader(demo),
                    RevocationChecker.builder().build(), issuers, certificateWork, relay::certificatesRead,
                    trayPresenter, messages);
            monitor.start(relay.andThen(certificates).andThen(pinCache));

            HandOver handOver = new HandOver(login, windows.get());
            receiver.set((arguments, receivedAt) -> fxThread.execute(() -> {
                handOver.receive(arguments);
                if (!arguments.isEmpty()) {
                    LOG.info("Login dialog shown {} ms after the hand-over",
                            (System.nanoTime() - receivedAt) / 1_000_000);
                }
            }));

            if (options.link().isPresent()) {
                receiver.get().handOver(List.of(options.link().get()), System.nanoTime());
            } else if (!options.minimized() || tray.isEmpty() || demo.isPresent()) {
                fxThread.execute(() -> windows.get().show(FxmlView.MAIN));
            }
            demo.ifPresent(d -> introduceDemo(d, fxThread, theme));
            if (tray.isPresent() && options.link().isEmpty() && demo.isEmpty()) {
                logReady(started, "tray icon");
            } else {
                fxThread.execute(() -> logReady(started, tray.isPresent() ? "tray icon" : "window, no tray"));
            }
            quitRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Optional.ofNullable(tunnelsRef.get()).ifPresent(DesktopTunnels::close);
            oob.ifPresent(OobClient::close);
            tray.ifPresent(AwtTray::remove);
            if (fxThread.isStarted()) {
                Platform.exit();
            }
        }
        LOG.info("Legitimera quit");
        return exitCode.get();
    }

    /** The settings that take effect at once: how long a PIN is kept, and the user's start-at-login entry. */
    private static void apply(Settings now, IdentificationPinCache pinCache, Optional<LoginStart> loginStart) {
        pinCache.keepFor(Duration.ofMinutes(now.get(SettingKey.PIN_CACHE_MINUTES).value()));
        loginStart.ifPresent(entry -> {
            try {
                entry.apply(now.get(SettingKey.START_AT_LOGIN).value());
            } catch (IOException e) {
                LOG.warn("The start-at-login entry could not be updated: {}", e.toString());
            }
        });
    }

    private static void show(MainViewModel mainViewModel, CardPicture picture) {
        mainViewModel.update(picture.readers());
        mainViewModel.updateCards(picture.cards());
    }

    /** Tells a newcomer the demo card's codes and opens the demo login page in the browser. */
    private void introduceDemo(DemoEnvironment demo, LazyFxThread fxThread, Theme theme) {
        FxDialogService dialogs = new FxDialogService(messages, theme);
        String title = messages.getString("demo.title");
        fxThread.execute(() -> dialogs.showInfo(title,
                Messages.format(messages, "demo.cardSecrets", demo.cardSecretsForDisplay())));
        // Desktop.browse may block while a browser starts: never on the FX thread.
        Thread.ofPlatform().name("demo-browser").daemon().start(() -> {
            if (!new SystemBrowser().open(demo.loginPage())) {
                fxThread.execute(() -> dialogs.showInfo(title,
                        Messages.format(messages, "demo.noBrowser", demo.loginPage().toString())));
            }
        });
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

    private DiagnosticsFacts collectDiagnostics(MonitorSnapshot snapshot, Optional<ServiceCheck> service) {
        List<String> modules;
        try (LoadedModules loaded = LoadedModules.load(ModuleLocator.builder().build().present())) {
            modules = loaded.describe();
        }
        return new DiagnosticsFacts(AppVersion.current(),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("javafx.runtime.version", messages.getString("about.unknown")),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                snapshot.serviceAvailable(), snapshot.problem(),
                snapshot.readers().stream()
                        .map(reader -> new DiagnosticsFacts.Reader(reader.name(),
                                reader.card().map(CardStatus::atr).map(atr -> atr.hex()),
                                reader.card().map(card -> card.profile().name())))
                        .toList(),
                Optional.of(modules),
                service.map(check -> new DiagnosticsFacts.Service(check.service().toString(),
                        DiagnosticsFacts.Reachability.valueOf(check.outcome().name()), check.detail())));
    }

    /** Reads the card's certificates; the demo's test PKI has trust-level policies of its own. */
    private SithsCertificateReader certificateReader(Optional<DemoEnvironment> demo) {
        return SithsCertificateReader.builder().withTrustLevels(TrustLevels.of(
                settings.get(SettingKey.TRUST_LEVELS).value(),
                demo.map(DemoEnvironment::trustLevelPolicies).orElse(Map.of()))).build();
    }

    /** The demo's service, allowed and trusted for this run only. */
    private static OobClient demoClient(DemoEnvironment demo) {
        OobClientBuilder builder = OobClient.builder()
                .withAllowedOrigin(ServiceOrigin.parse(demo.serviceOrigin().toString()));
        demo.serviceTrust().forEach(builder::withTrustedCertificate);
        return builder.build();
    }

    /**
     * A client for the services the settings and policy allow, with their pins (a link to any other is
     * refused); empty when none is configured.
     */
    private Optional<OobClient> configuredClient() {
        ServiceAccess access = ServiceAccess.of(settings);
        access.problems().forEach(problem -> LOG.warn("Service setting ignored: {}", problem));
        if (access.allowedOrigins().isEmpty()) {
            LOG.info("No authentication service is configured: login links will be refused");
            return Optional.empty();
        }
        return Optional.of(access.applyTo(OobClient.builder()).build());
    }
}
