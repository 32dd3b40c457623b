package se.legitimera.app.ui.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The app's texts: English in the base bundle, Swedish in {@code _sv}; Swedish wins on a Swedish locale. */
public final class Messages {

    public static final String BUNDLE = "i18n.messages";
    public static final Locale SWEDISH = Locale.of("sv");

    private Messages() {
    }

    public static ResourceBundle forLocale(Locale locale) {
        // Asking for ROOT stops getBundle from falling back to the JVM's default locale, so English
        // stays English on a Swedish machine (a ResourceBundle.Control is not allowed in a named module).
        Locale wanted = SWEDISH.getLanguage().equals(locale.getLanguage()) ? SWEDISH : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, wanted);
    }

    /** The text of {@code key} with its {@code {0}}, {@code {1}} ... filled in, in the bundle's own locale. */
    public static String format(ResourceBundle messages, String key, Object... arguments) {
        Locale locale = messages.getLocale() == null || messages.getLocale().getLanguage().isEmpty()
                ? Locale.ENGLISH : messages.getLocale();
        return new MessageFormat(messages.getString(key), locale).format(arguments);
    }
}
