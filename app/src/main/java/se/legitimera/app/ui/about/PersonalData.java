package se.legitimera.app.ui.about;

import java.util.regex.Pattern;

/**
 * Masks personal data in text that leaves the machine (diagnostics): Swedish personal identity and
 * co-ordination numbers keep their date part ({@code 19121212-****}), HSA-ids keep their organisation part
 * ({@code SE2321000016-****}), and the user's home folder becomes {@code ~}.
 */
public final class PersonalData {

    private static final Pattern IDENTITY_NUMBER =
            Pattern.compile("(?<![\\w-])((?:19|20)?\\d{6})([-+]?)\\d{4}(?![\\w-])");
    private static final Pattern HSA_ID = Pattern.compile("(?<![\\w-])([A-Z]{2,}\\d{10}-)[A-Za-z0-9]+(?![\\w-])");

    private final String home;

    /** @param home the user's home folder, replaced by {@code ~}; empty to leave paths alone */
    public PersonalData(String home) {
        this.home = home;
    }

    public String mask(String text) {
        String masked = text;
        if (!home.isEmpty() && !home.equals("/")) {
            masked = masked.replace(home, "~");
        }
        masked = HSA_ID.matcher(masked).replaceAll("$1****");
        return IDENTITY_NUMBER.matcher(masked).replaceAll(m -> m.group(1) + (m.group(2).isEmpty() ? "-" : m.group(2)) + "****");
    }
}
