package se.legitimera.app.settings;

import java.util.Locale;

/** The authentication service environments an installation can be pointed at. */
public enum Environment {
    PRODUCTION, TEST, QA;

    /** The name used in settings files: {@code production}, {@code test}, {@code qa}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
