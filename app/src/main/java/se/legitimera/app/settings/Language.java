package se.legitimera.app.settings;

import java.util.Locale;

/** The user interface languages. */
public enum Language {
    SV(Locale.forLanguageTag("sv-SE")), EN(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** Swedish when the OS speaks Swedish, otherwise English. */
    public static Language matching(Locale osLocale) {
        return "sv".equals(osLocale.getLanguage()) ? SV : EN;
    }
}
