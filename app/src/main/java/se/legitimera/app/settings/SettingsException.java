package se.legitimera.app.settings;

/** Root of the failures when changing settings. Reading never fails: see {@link Settings#problems()}. */
public abstract sealed class SettingsException extends Exception
        permits SettingLockedException, SettingsWriteException {

    private static final long serialVersionUID = 1L;

    SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
