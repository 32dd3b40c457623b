package se.legitimera.app.wiring;

import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.app.ui.tunnel.TunnelPinViewModel;

/**
 * "Vänta på inloggningar" in the tray menu and the main window: asks the identification PIN in the app's PIN
 * dialog ({@link FxmlView#WAITING_PIN}) and hands it to {@link LoginWaiting#start}, which signs the poll
 * session with it on its own thread. Cancelling the dialog starts nothing. Runs on the JavaFX thread.
 */
public final class WaitingStart implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingStart.class);

    private final LoginWaiting waiting;
    private final TunnelPinViewModel dialog;
    private final Supplier<WindowOpener> windows;

    public WaitingStart(LoginWaiting waiting, TunnelPinViewModel dialog, Supplier<WindowOpener> windows) {
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.dialog = Objects.requireNonNull(dialog, "dialog");
        this.windows = Objects.requireNonNull(windows, "windows");
    }

    @Override
    public void run() {
        if (!waiting.state().canStart()) {
            return;
        }
        dialog.askForLoginWaiting(waiting.state().service(), new TunnelPinViewModel.Answer() {
            @Override
            public void given(char[] pin) {
                waiting.start(pin);
            }

            @Override
            public void cancelled() {
                LOG.info("Waiting for logins not started: the PIN dialog was cancelled");
            }
        });
        windows.get().show(FxmlView.WAITING_PIN);
    }
}
