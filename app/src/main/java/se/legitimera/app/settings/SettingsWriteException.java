package se.legitimera.app.settings;

import java.io.IOException;
import java.nio.file.Path;

/** A settings file could not be written. */
public final class SettingsWriteException extends SettingsException {

    private static final long serialVersionUID = 1L;

    SettingsWriteException(Path file, IOException cause) {
        super("cannot write " + file + ": " + cause.getMessage(), cause);
    }
}
