package se.legitimera.app.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import se.legitimera.app.ui.common.FxmlView;
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
import se.legitimera.app.ui.tunnel.TunnelPinController;
import se.legitimera.app.ui.tunnel.TunnelPinViewModel;
import se.legitimera.app.ui.window.WindowTestBench;
import se.legitimera.app.wiring.ActiveCard;
import se.legitimera.app.wiring.CardCertificates;
import se.legitimera.app.wiring.CardEventRelay;
import se.legitimera.app.wiring.CardPicture;
import se.legitimera.app.wiring.CardPinStatusSource;
import se.legitimera.app.wiring.CardPinUpdates;
import se.legitimera.app.wiring.IdentificationPinCache;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.smartcardio.VirtualReaders;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.cert.IssuerLocator;
import se.legitimera.smartcard.cert.RevocationChecker;
import se.legitimera.smartcard.cert.SithsCertificateReader;
import se.legitimera.smartcard.pcsc.TerminalSource;

/**
 * The app's windows wired as DesktopApp wires them (same adapters, same relay), over a card monitor that
 * watches an in-JVM virtual reader holding a virtual SITHS 940 with PIN 123456, signature PIN 654321 and
 * PUK 12345678.
 */
final class VirtualCardDesk implements AutoCloseable {

    static final String READER = "Virtual PCD 00 00";
    static final String PIN = "123456";
    static final String PUK = "12345678";

    final WindowTestBench bench;
    final VirtualReaders readers = VirtualReaders.named(READER);
    final VirtualSithsCard card;
    final CardMonitor monitor;
    final MainViewModel main;
    final LoginApprovalViewModel login;
    final WindowOpener windows;
    final TestPki pki;
    final HandOver handOver;
    /** The app's PIN dialog (tunnels, and starting to wait for logins). */
    final TunnelPinViewModel pinDialog;
    /** The card the dialogs and logins use, as DesktopApp's. */
    final ActiveCard active;
    /** Run on the monitor's event thread when the active card leaves or arrives, as DesktopApp's relay does. */
    final List<Runnable> whenActiveCardRemoved = new CopyOnWriteArrayList<>();
    final List<Runnable> whenActiveCardArrived = new CopyOnWriteArrayList<>();
    /** Keeps nothing until a test turns it on with {@code keepFor}. */
    final IdentificationPinCache pins = IdentificationPinCache.start(Duration.ZERO, Clock.systemUTC());
    private final ExecutorService certificateWork = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("test-certificates").daemon().factory());

    /** The login orders of a desk, made over its monitor and active card as DesktopApp makes them. */
    @FunctionalInterface
    interface OrdersFactory {
        LoginOrders create(CardMonitor monitor, ActiveCard active, IdentificationPinCache pins);
    }

    VirtualCardDesk(WindowTestBench bench, Path state, LoginOrders orders) {
        this(bench, state, (monitor, active, pins) -> orders);
    }

    VirtualCardDesk(WindowTestBench bench, Path state, OrdersFactory orders) {
        this.bench = bench;
        pki = TestPki.openOrCreate(state.resolve("pki"), Clock.systemUTC());
        card = VirtualSithsCard.builder()
                .withPki(pki)
                .withInitialSecrets(PIN.toCharArray(), "654321".toCharArray(), PUK.toCharArray())
                .openOrCreate();
        monitor = CardMonitor.builder().withTerminalSource(TerminalSource.of(readers.terminalFactory())).build();
        active = new ActiveCard(monitor);
        main = new MainViewModel(bench.messages, Clock.systemDefaultZone());
        CardPinStatusSource status = new CardPinStatusSource(monitor, active);
        CardPinUpdates pinUpdates = new CardPinUpdates(monitor, active, pins);
        PinChangeViewModel pinChange = new PinChangeViewModel(bench.messages, status, pinUpdates, bench.worker,
                Platform::runLater);
        PukUnblockViewModel pukUnblock = new PukUnblockViewModel(bench.messages, status,
                pinUpdates, bench.worker, Platform::runLater);
        login = new LoginApprovalViewModel(bench.messages, orders.create(monitor, active, pins), bench.worker, Platform::runLater,
                Clock.systemDefaultZone());
        AtomicReference<WindowOpener> self = new AtomicReference<>();
        pinDialog = new TunnelPinViewModel(bench.messages);
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                TunnelPinController.class, () -> new TunnelPinController(pinDialog),
                MainController.class, () -> new MainController(main, new MainController.Actions(
                        () -> self.get().show(FxmlView.PIN_CHANGE), () -> self.get().show(FxmlView.PUK_UNBLOCK),
                        () -> { }, () -> { }, () -> { }, name -> { }, () -> { }, () -> { })),
                PinChangeController.class, () -> new PinChangeController(pinChange,
                        () -> self.get().show(FxmlView.PUK_UNBLOCK)),
                PukUnblockController.class, () -> new PukUnblockController(pukUnblock),
                LoginApprovalController.class, () -> new LoginApprovalController(login));
        windows = bench.windows(Theme.STANDARD, controllers);
        self.set(windows);
        handOver = new HandOver(login, windows);
        bench.fx(() -> main.activeCardProperty().subscribe(c -> active.choose(c == null ? null : c.readerName())));
        CardEventRelay relay = new CardEventRelay(monitor, active, Optional.empty(), new CardEventRelay.Screen() {
            @Override
            public void show(CardPicture picture) {
                Platform.runLater(() -> {
                    main.update(picture.readers());
                    main.updateCards(picture.cards());
                });
            }

            @Override
            public void activeCardRemoved() {
                whenActiveCardRemoved.forEach(Runnable::run);
                Platform.runLater(() -> login.endExternally(new Outcome.CardRemoved()));
            }

            @Override
            public void activeCardArrived() {
                whenActiveCardArrived.forEach(Runnable::run);
                Platform.runLater(() -> {
                    if (windows.isShowing(FxmlView.PIN_CHANGE)) {
                        pinChange.open(PinRole.IDENTIFICATION);
                    }
                });
            }
        });
        // As DesktopApp: read on a thread of its own, OCSP at the certificates' AIA (nothing listens there).
        CardCertificates certificates = new CardCertificates(monitor, SithsCertificateReader.builder().build(),
                RevocationChecker.builder().withTimeout(Duration.ofSeconds(2)).build(),
                IssuerLocator.builder().withKnownCertificates(List.of(pki.issuingCertificate())).withFetching(false)
                        .build(), certificateWork, relay::certificatesRead, Optional.empty(),
                bench.messages);
        monitor.start(relay.andThen(certificates).andThen(pins));
    }

    void insertCard() {
        readers.reader(READER).insert(card);
    }

    VirtualSithsCard removeCard() {
        return readers.reader(READER).remove();
    }

    @Override
    public void close() {
        monitor.close();
        pins.close();
        certificateWork.shutdownNow();
    }
}
