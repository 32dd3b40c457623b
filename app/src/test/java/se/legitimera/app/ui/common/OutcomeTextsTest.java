package se.legitimera.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class OutcomeTextsTest {

    private final OutcomeTexts swedish = new OutcomeTexts(Messages.forLocale(Locale.of("sv")));
    private final OutcomeTexts english = new OutcomeTexts(Messages.forLocale(Locale.ENGLISH));

    @Test
    void aWrongPinSaysHowManyTriesAreLeft_inSwedishAsUsersReadIt() {
        assertThat(swedish.describe(new Outcome.WrongCode(Outcome.Code.PIN, 2))).isEqualTo("Fel PIN-kod, 2 försök kvar");
        assertThat(swedish.describe(new Outcome.WrongCode(Outcome.Code.PIN, 1))).isEqualTo("Fel PIN-kod, 1 försök kvar");
    }

    @Test
    void englishIsAFullTranslation() {
        assertThat(english.describe(new Outcome.WrongCode(Outcome.Code.PIN, 2))).isEqualTo("Wrong PIN, 2 tries left");
        assertThat(english.describe(new Outcome.WrongCode(Outcome.Code.PUK, 1))).isEqualTo("Wrong PUK, 1 try left");
    }

    @Test
    void aBlockedPukSendsTheUserToAnIdAdministrator() {
        assertThat(swedish.describe(new Outcome.CodeBlocked(Outcome.Code.PUK))).contains("ID-administratör");
    }
}
