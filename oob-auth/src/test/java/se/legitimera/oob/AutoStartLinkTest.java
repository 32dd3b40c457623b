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
    void whenTheServiceLivesUnderAPath_thenTheLinkKeepsThePath() throws Exception {
        AutoStartLink link = AutoStartLink.parse("legitimera://auth?service="
                + "https%3A%2F%2FIdP.Example%2Frealms%2Fvard%2Flegitimera%2F&token=abcdefghijklmnopqrst");
        assertThat(link.service()).isEqualTo(new ServiceOrigin("idp.example", 443, "/realms/vard/legitimera"));
        assertThat(link.service().toString()).isEqualTo("https://idp.example:443/realms/vard/legitimera");
        assertThat(link.service().origin()).isEqualTo(new ServiceOrigin("idp.example", 443));
        assertThat(link.service().resolve("/app/v1/order").toString())
                .isEqualTo("https://idp.example:443/realms/vard/legitimera/app/v1/order");
        assertThat(AutoStartLink.parse(link.toUri())).isEqualTo(link);
    }

    @Test
    void aVersion10Link_isWrittenAsBefore() throws Exception {
        AutoStartLink link = new AutoStartLink(new ServiceOrigin("127.0.0.1", 8443), "abcdefghijklmnopqrst");
        assertThat(link.toUri()).isEqualTo("legitimera://auth?service=https%3A%2F%2F127.0.0.1%3A8443&token=abcdefghijklmnopqrst");
        assertThat(link.service().path()).isEmpty();
    }

    @Test
    void whenTheServicePathIsNotPlain_thenTheLinkIsRefused() {
        for (String service : new String[] {"https%3A%2F%2Fidp.example%2Fa%2F..%2Fb", "https%3A%2F%2Fidp.example%2F%2Fa",
                "https%3A%2F%2Fidp.example%2Fa%3Fx%3D1", "https%3A%2F%2Fidp.example%2Fa%23f",
                "https%3A%2F%2Fu%40idp.example%2Fa"}) {
            assertThatThrownBy(() -> AutoStartLink.parse("legitimera://auth?service=" + service + "&token=abcdefghijklmnopqrst"))
                    .as(service).isInstanceOf(InvalidAutoStartLinkException.class);
        }
    }

    @Test
    void anAllowlistOrPinEntry_remainsABareOrigin() {
        assertThat(ServiceOrigin.parse("https://idp.example/")).isEqualTo(new ServiceOrigin("idp.example", 443));
        assertThatThrownBy(() -> ServiceOrigin.parse("https://idp.example/realms/vard"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ServiceOrigin.parseServiceUrl("https://idp.example/realms/vard").path()).isEqualTo("/realms/vard");
    }

    @Test
    void whenPinIsWrittenWithPrefix_thenItParsesBack() throws Exception {
        SpkiPin pin = SpkiPin.of(TestCertificates.ecKeys().getPublic());
        assertThat(SpkiPin.parse(pin.toString())).isEqualTo(pin);
    }
}
