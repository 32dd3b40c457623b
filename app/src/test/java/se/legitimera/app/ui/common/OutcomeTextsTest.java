package se.legitimera.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    @Test
    void aServiceThatIsNotAllowed_isNamed_andTheUserLearnsThatSettingsOrPolicyDecide() {
        assertThat(swedish.describe(new Outcome.ServiceNotAllowed("https://127.0.0.1:9")))
                .contains("https://127.0.0.1:9").contains("inte tillåten").contains("policy").contains("IT");
        assertThat(english.describe(new Outcome.ServiceNotAllowed("https://127.0.0.1:9")))
                .contains("https://127.0.0.1:9").contains("not allowed").contains("organisation's policy");
    }

    @Test
    void eachFailureOfALink_hasWordsOfItsOwn() {
        List<Outcome> failures = List.of(new Outcome.LinkInvalid(), new Outcome.ServiceNotAllowed("https://a:443"),
                new Outcome.ConnectionIntercepted("https://a:443"), new Outcome.ServiceUntrusted(),
                new Outcome.ServiceUnavailable(), new Outcome.OrderExpired(), new Outcome.OrderUnknown(),
                new Outcome.OrderCancelled(), new Outcome.NotSupported());

        assertThat(failures.stream().map(swedish::describe).distinct()).hasSameSizeAs(failures);
        assertThat(failures.stream().map(english::describe).distinct()).hasSameSizeAs(failures);
        assertThat(swedish.describe(new Outcome.ConnectionIntercepted("https://a:443"))).contains("avlyssnas");
    }

    @Test
    void aRefusedProof_saysWhyInTheServicesWords_whenItGaveThem() {
        assertThat(english.describe(new Outcome.CertificateRefused(Optional.of("certificate revoked"))))
                .startsWith("The login service did not accept your card's certificate")
                .endsWith("The service said: certificate revoked");
        assertThat(swedish.describe(new Outcome.ProofRefused(Optional.empty())))
                .isEqualTo("Inloggningstjänsten godtog inte inloggningen. Börja om från tjänstens inloggningssida.");
    }
}
