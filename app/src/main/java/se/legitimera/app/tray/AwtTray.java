package se.legitimera.app.tray;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tray icon through AWT's SystemTray, the one tray API that works on Windows, macOS and Linux
 * desktops with an XEmbed/StatusNotifier host.
 */
public final class AwtTray implements Tray {

    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);

    private final TrayIcon icon;

    private AwtTray(TrayIcon icon) {
        this.icon = icon;
    }

    /** The tray icon, or empty when this desktop has no tray host (GNOME without an extension, Xvfb alone). */
    public static Optional<Tray> install(Image image, String tooltip) {
        if (!SystemTray.isSupported()) {
            LOG.info("No system tray on this desktop; the main window stands in for it");
            return Optional.empty();
        }
        try {
            return Optional.of(onAwtThread(() -> {
                TrayIcon trayIcon = new TrayIcon(image, tooltip);
                trayIcon.setImageAutoSize(true);
                SystemTray.getSystemTray().add(trayIcon);
                return new AwtTray(trayIcon);
            }));
        } catch (RuntimeException e) {
            LOG.warn("System tray refused the icon; the main window stands in for it", e);
            return Optional.empty();
        }
    }

    /** Runs a left click (or the platform's default action) on the JavaFX thread. */
    public void onActivate(Runnable action) {
        EventQueue.invokeLater(() -> icon.addActionListener(e -> Platform.runLater(action)));
    }

    @Override
    public void show(String tooltip, List<TrayMenuEntry> menu) {
        EventQueue.invokeLater(() -> {
            PopupMenu popup = new PopupMenu();
            for (TrayMenuEntry entry : menu) {
                switch (entry) {
                    case TrayMenuEntry.Action(String label, Runnable action) -> {
                        MenuItem item = new MenuItem(label);
                        item.addActionListener(e -> Platform.runLater(action));
                        popup.add(item);
                    }
                    case TrayMenuEntry.Separator() -> popup.addSeparator();
                }
            }
            icon.setToolTip(tooltip);
            icon.setPopupMenu(popup);
        });
    }

    @Override
    public void remove() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }

    private interface AwtTask<T> {
        T run() throws AWTException;
    }

    private static <T> T onAwtThread(AwtTask<T> task) {
        Object[] result = new Object[1];
        try {
            EventQueue.invokeAndWait(() -> {
                try {
                    result[0] = task.run();
                } catch (AWTException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
