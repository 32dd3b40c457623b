package se.legitimera.app.ui.common;

import java.util.List;
import java.util.Objects;

/**
 * The look of every window: the app's one stylesheet, and on top of it the high-contrast variant for users
 * who need it (chosen by a setting or {@code -Dlegitimera.highContrast=true}).
 */
public enum Theme {
    STANDARD(List.of("/css/legitimera.css")),
    HIGH_CONTRAST(List.of("/css/legitimera.css", "/css/legitimera-high-contrast.css"));

    /** The system property that asks for {@link #HIGH_CONTRAST}. */
    public static final String HIGH_CONTRAST_PROPERTY = "legitimera.highContrast";

    private final List<String> stylesheets;

    Theme(List<String> stylesheets) {
        this.stylesheets = stylesheets;
    }

    /** The theme the {@code legitimera.highContrast} system property asks for. */
    public static Theme fromSystemProperties() {
        return Boolean.getBoolean(HIGH_CONTRAST_PROPERTY) ? HIGH_CONTRAST : STANDARD;
    }

    /** Stylesheet URLs in the order a Scene must apply them. */
    public List<String> stylesheetUrls() {
        return stylesheets.stream()
                .map(path -> Objects.requireNonNull(Theme.class.getResource(path), path).toExternalForm())
                .toList();
    }
}
