package se.legitimera.app.tray;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tray icon through AWT's SystemTray, the one tray API that works on Windows, macOS and Linux
 * desktops with an XEmbed/StatusNotifier host. Every menu action hops from AWT to the UI thread.
 */
public final class AwtTray implements Tray {

    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);
    private static final int PICTURE_SIZE = 64;

    private final TrayIcon icon;
    private final Executor uiThread;

    private AwtTray(TrayIcon icon, Executor uiThread) {
        this.icon = icon;
        this.uiThread = uiThread;
    }

    /**
     * The tray icon, or empty when this desktop has no tray host (GNOME without an extension, Xvfb alone).
     *
     * @param uiThread where menu actions and clicks run (the JavaFX thread, started on first use)
     */
    public static Optional<AwtTray> install(String tooltip, Executor uiThread) {
        Objects.requireNonNull(uiThread, "uiThread");
        if (!SystemTray.isSupported()) {
            LOG.info("No system tray on this desktop; the main window stands in for it");
            return Optional.empty();
        }
        try {
            return Optional.of(onAwtThread(() -> {
                TrayIcon trayIcon = new TrayIcon(TrayIconImage.draw(TrayIconImage.Tone.IDLE, PICTURE_SIZE), tooltip);
                trayIcon.setImageAutoSize(true);
                SystemTray.getSystemTray().add(trayIcon);
                return new AwtTray(trayIcon, uiThread);
            }));
        } catch (RuntimeException e) {
            LOG.warn("System tray refused the icon; the main window stands in for it", e);
            return Optional.empty();
        }
    }

    /** Runs a left click (or the platform's default action) on the UI thread. */
    public void onActivate(Runnable action) {
        EventQueue.invokeLater(() -> icon.addActionListener(e -> uiThread.execute(action)));
    }

    @Override
    public void show(TrayIconImage.Tone tone, boolean badge, String tooltip, List<TrayMenuEntry> menu) {
        EventQueue.invokeLater(() -> {
            PopupMenu popup = new PopupMenu();
            for (TrayMenuEntry entry : menu) {
                switch (entry) {
                    case TrayMenuEntry.Action(String label, boolean enabled, Runnable action) -> {
                        MenuItem item = new MenuItem(label);
                        item.setEnabled(enabled);
                        item.addActionListener(e -> uiThread.execute(action));
                        popup.add(item);
                    }
                    case TrayMenuEntry.Separator() -> popup.addSeparator();
                }
            }
            icon.setImage(TrayIconImage.draw(tone, badge, PICTURE_SIZE));
            icon.setToolTip(tooltip);
            icon.setPopupMenu(popup);
        });
    }

    @Override
    public void notify(TrayNotice notice) {
        EventQueue.invokeLater(() -> icon.displayMessage(notice.caption(), notice.text(),
                notice.kind() == TrayNotice.Kind.WARNING ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO));
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
