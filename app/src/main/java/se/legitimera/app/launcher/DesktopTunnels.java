package se.legitimera.app.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import se.legitimera.app.cli.TunnelCommand;
import se.legitimera.app.settings.Setting;
import se.legitimera.app.settings.SettingKey;
import se.legitimera.app.settings.Settings;
import se.legitimera.app.settings.TunnelMode;
import se.legitimera.app.tray.TrayPresenter;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.LazyFxThread;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.app.ui.main.MainViewModel;
import se.legitimera.app.ui.tunnel.TunnelPinViewModel;
import se.legitimera.app.ui.tunnel.TunnelState;
import se.legitimera.app.wiring.CardTunnelOpener;
import se.legitimera.app.wiring.DialogPinPrompt;
import se.legitimera.app.wiring.SettingsTunnels;
import se.legitimera.app.wiring.TunnelPins;
import se.legitimera.smartcard.pkcs11.ModuleLocator;

/**
 * The desktop app's part of the tunnels of the settings: builds them with the card and the PIN dialog, keeps
 * the tray and the main window in step with their states, and answers {@code legitimera tunnel start|stop}.
 */
final class DesktopTunnels implements AutoCloseable {

    /** A PIN question left unanswered this long is cancelled: the browser has given up by then anyway. */
    private static final Duration PIN_PATIENCE = Duration.ofMinutes(3);

    private final SettingsTunnels tunnels;
    private final Executor worker;

    /**
     * @param pins         the app's PIN cache in front of the PIN dialog
     * @param worker       where starting and stopping runs (binding ports and reading trust files leave the FX
     *                     thread)
     * @param fxThread     the JavaFX thread; the main window hears of changes only once JavaFX runs
     * @param whenFxStarts where to fill the main window when JavaFX starts
     */
    DesktopTunnels(Settings settings, TunnelPins pins, TunnelPinViewModel pinDialog, Supplier<WindowOpener> windows,
                   Executor worker,
                   LazyFxThread fxThread, List<Runnable> whenFxStarts, Optional<TrayPresenter> tray,
                   MainViewModel main) {
        this.worker = worker;
        Setting<List<se.legitimera.app.settings.Tunnel>> configured = settings.get(SettingKey.TUNNELS);
        List<Path> modules = settings.get(SettingKey.PKCS11_MODULE).value().map(List::of)
                .orElseGet(() -> ModuleLocator.builder().withDefaults(true).build().present());
        DialogPinPrompt prompt = new DialogPinPrompt(pinDialog, () -> windows.get().show(FxmlView.TUNNEL_PIN),
                fxThread, PIN_PATIENCE);
        this.tunnels = new SettingsTunnels(configured.value(), configured.locked(),
                new CardTunnelOpener(modules, pins, prompt), states -> {
                    tray.ifPresent(presenter -> presenter.tunnelsChanged(states, this::toggle));
                    // A tray-only app never starts JavaFX for this; the latest states are read when it starts.
                    if (fxThread.isStarted()) {
                        fxThread.execute(() -> main.updateTunnels(states));
                    }
                });
        tray.ifPresent(presenter -> presenter.tunnelsChanged(tunnels.states(), this::toggle));
        whenFxStarts.add(() -> main.updateTunnels(tunnels.states()));
    }

    /** Opens the tunnels marked autostart, off the caller's thread. */
    void startAutostarted() {
        worker.execute(tunnels::startAutostarted);
    }

    /** Tray or main window: starts a stopped tunnel, stops a running one, off the caller's thread. */
    void toggle(String name) {
        worker.execute(() -> tunnels.toggle(name));
    }

    /** The card was removed: the tunnels log out of it. */
    void cardRemoved() {
        tunnels.cardRemoved();
    }

    /** Answers {@code [tunnel, start|stop, NAME]} from the command line; status codes are the CLI's exit codes. */
    SingleInstance.Answer answer(List<String> command) {
        if (command.size() != 3 || !command.get(0).equals("tunnel")
                || !List.of("start", "stop").contains(command.get(1))) {
            return new SingleInstance.Answer(SingleInstance.UNKNOWN_COMMAND, "unknown command " + command);
        }
        String name = command.get(2);
        boolean start = command.get(1).equals("start");
        Optional<TunnelState> state = start ? tunnels.start(name) : tunnels.stop(name);
        if (state.isEmpty()) {
            return new SingleInstance.Answer(TunnelCommand.UNKNOWN_TUNNEL, "No tunnel named " + name
                    + " in the running app's settings.");
        }
        TunnelState now = state.get();
        if (now.phase() == TunnelState.Phase.FAILED) {
            return new SingleInstance.Answer(TunnelCommand.NOT_OPENED, "Tunnel " + name + " could not be opened: "
                    + switch (now.problem()) {
                        case PORT_IN_USE -> "port " + now.definition().localPort() + " is used by another program";
                        case TRUST_UNREADABLE, OTHER, NONE -> now.detail();
                    });
        }
        return new SingleInstance.Answer(0, "Tunnel " + name + (start
                ? " started: " + (now.definition().mode() == TunnelMode.HTTP ? "http" : "tls") + "://localhost:"
                        + now.definition().localPort() + " -> " + now.definition().upstream()
                : " stopped."));
    }

    @Override
    public void close() {
        tunnels.close();
    }
}
