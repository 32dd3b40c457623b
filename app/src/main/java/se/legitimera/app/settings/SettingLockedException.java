package se.legitimera.app.settings;

/** The user tried to change a setting that the machine policy locks. */
public final class SettingLockedException extends SettingsException {

    private static final long serialVersionUID = 1L;
    private final transient SettingKey<?> key;

    SettingLockedException(SettingKey<?> key) {
        super("the setting " + key.name() + " is locked by the machine policy", null);
        this.key = key;
    }

    public SettingKey<?> key() {
        return key;
    }
}
