package se.legitimera.oob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AutoStartLinkTest {

    @Test
    void whenLinkIsWellFormed_thenServiceIsCanonicalAndTokenKept() throws Exception {
        AutoStartLink link = AutoStartLink.parse("legitimera://auth?service=https%3A%2F%2FIdP.Example&token=abcdefghijklmnopqrst");
        assertThat(link.service()).isEqualTo(new ServiceOrigin("idp.example", 443));
        assertThat(link.autoStartToken()).isEqualTo("abcdefghijklmnopqrst");
        assertThat(link.toString()).doesNotContain("abcdefghijklmnopqrst");
        assertThat(AutoStartLink.parse(link.toUri())).isEqualTo(link);
    }

    @Test
    void whenServiceIsPlainHttp_thenLinkIsRefused() {
        assertThatThrownBy(() -> AutoStartLink.parse("legitimera://auth?service=http://idp.example&token=abcdefghijklmnopqrst"))
                .isInstanceOf(InvalidAutoStartLinkException.class);
    }

    @Test
    void whenServiceIsGivenTwice_thenLinkIsRefused() {
        assertThatThrownBy(() -> AutoStartLink.parse(
                "legitimera://auth?service=https://a.example&service=https://b.example&token=abcdefghijklmnopqrst"))
                .isInstanceOf(InvalidAutoStartLinkException.class);
    }

    @Test
    void whenOriginHasAPath_thenItIsNotAnOrigin() {
        assertThatThrownBy(() -> ServiceOrigin.parse("https://idp.example/evil")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenPinIsWrittenWithPrefix_thenItParsesBack() throws Exception {
        SpkiPin pin = SpkiPin.of(TestCertificates.ecKeys().getPublic());
        assertThat(SpkiPin.parse(pin.toString())).isEqualTo(pin);
    }
}
