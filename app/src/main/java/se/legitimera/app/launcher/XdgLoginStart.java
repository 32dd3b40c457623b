package se.legitimera.app.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's XDG autostart entry (freedesktop.org Desktop Application Autostart spec): a file in
 * {@code $XDG_CONFIG_HOME/autostart} overrides the file of the same name in the {@code autostart} folder
 * of each of the system's {@code $XDG_CONFIG_DIRS}, and {@code Hidden=true} there means "do not start". So: false writes
 * a hidden entry; true removes the entry this class wrote, letting the packages' system entry start the app,
 * or, where no system entry exists, writes one that starts the installed launcher. An entry the user wrote
 * is replaced only to turn the start off. Not thread-safe; called on one worker.
 */
final class XdgLoginStart implements LoginStart {

    /** The packages' file name in /etc/xdg/autostart, which a user file of that name overrides. */
    static final String FILE_NAME = "se.legitimera.Legitimera-autostart.desktop";

    private static final Logger LOG = LoggerFactory.getLogger(XdgLoginStart.class);
    private static final String WRITTEN_BY_US = "X-Legitimera-Written=true";

    private final Path userDir;
    private final List<Path> systemDirs;
    private final Path launcher;

    XdgLoginStart(Path userDir, List<Path> systemDirs, Path launcher) {
        this.userDir = Objects.requireNonNull(userDir, "userDir");
        this.systemDirs = List.copyOf(systemDirs);
        this.launcher = Objects.requireNonNull(launcher, "launcher");
    }

    @Override
    public void apply(boolean enabled) throws IOException {
        Path entry = userDir.resolve(FILE_NAME);
        Optional<String> present = Files.isRegularFile(entry)
                ? Optional.of(Files.readString(entry, StandardCharsets.UTF_8)) : Optional.empty();
        Optional<String> wanted;
        if (!enabled) {
            wanted = Optional.of(entry(true));
        } else if (present.isPresent() && !present.get().contains(WRITTEN_BY_US)) {
            return;
        } else {
            boolean systemEntry = systemDirs.stream().anyMatch(dir -> Files.isRegularFile(dir.resolve(FILE_NAME)));
            wanted = systemEntry ? Optional.empty() : Optional.of(entry(false));
        }
        if (wanted.equals(present)) {
            return;
        }
        if (wanted.isEmpty()) {
            Files.delete(entry);
            LOG.info("Start at login: removed {}, the system's entry applies", entry);
            return;
        }
        Files.createDirectories(userDir);
        Path temporary = Files.createTempFile(userDir, ".legitimera-", ".tmp");
        try {
            Files.writeString(temporary, wanted.get(), StandardCharsets.UTF_8);
            Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        LOG.info("Start at login {}: wrote {}", enabled ? "on" : "off", entry);
    }

    private String entry(boolean hidden) {
        String exec = launcher.toString().contains(" ") ? "\"" + launcher + "\"" : launcher.toString();
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=Legitimera\n"
                + "Comment=SITHS eID in the tray\n"
                + "Exec=" + exec + " --autostart\n"
                + "Terminal=false\n"
                + "NoDisplay=true\n"
                + (hidden ? "Hidden=true\nX-GNOME-Autostart-enabled=false\n" : "X-GNOME-Autostart-enabled=true\n")
                + WRITTEN_BY_US + "\n";
    }
}
