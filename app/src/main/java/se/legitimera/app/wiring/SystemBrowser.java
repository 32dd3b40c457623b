package se.legitimera.app.wiring;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a web page in the user's browser through AWT's Desktop. Blocking: call off the FX thread. */
public final class SystemBrowser {

    private static final Logger LOG = LoggerFactory.getLogger(SystemBrowser.class);

    /** @return whether a browser took the page; false when none can be started here (then show the address) */
    public boolean open(URI page) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(page);
                return true;
            }
            LOG.info("No browser can be opened from here");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.warn("Opening {} in the browser failed: {}", page, e.toString());
        }
        return false;
    }
}
