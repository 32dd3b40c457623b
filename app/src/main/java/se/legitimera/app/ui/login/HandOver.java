package se.legitimera.app.ui.login;

import java.util.List;
import java.util.Objects;
import se.legitimera.app.ui.common.FxmlView;
import se.legitimera.app.ui.common.WindowOpener;

/**
 * What a launch hands the running app: no argument opens the main window, a {@code legitimera://} link
 * starts its login and shows the login dialog. The single entry for links from the command line and from
 * later launches. Runs on the JavaFX thread.
 */
public final class HandOver {

    private final LoginApprovalViewModel login;
    private final WindowOpener windows;

    public HandOver(LoginApprovalViewModel login, WindowOpener windows) {
        this.login = Objects.requireNonNull(login, "login");
        this.windows = Objects.requireNonNull(windows, "windows");
    }

    /** Takes a launch's arguments: none, or the link first. */
    public void receive(List<String> arguments) {
        if (arguments.isEmpty()) {
            windows.show(FxmlView.MAIN);
            return;
        }
        login.start(arguments.getFirst());
        windows.show(FxmlView.LOGIN_APPROVAL);
    }
}
