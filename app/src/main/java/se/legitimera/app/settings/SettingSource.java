package se.legitimera.app.settings;

/** Where the effective value of a setting comes from. */
public enum SettingSource {
    /** Built into the app: neither the user nor the policy set it. */
    DEFAULT,
    /** The user's own settings file. */
    USER,
    /** The machine-wide policy file: the setting is locked. */
    POLICY
}
