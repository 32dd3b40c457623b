package se.legitimera.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.PemFiles;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.keycloak.stack.AppLauncher;
import se.legitimera.keycloak.stack.Browser;
import se.legitimera.keycloak.stack.KeycloakServer;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * {@code legitimera auth} against Keycloak: a real browser opens the client's login, the page's link goes to
 * the app's command line (the launcher as the OS runs it), the virtual SITHS card in vpcd's second reader on
 * pcscd signs after the PIN, and the client receives an ID token with the card's HSA-id, name and acr. The
 * app allows and trusts the Keycloak realm through the usual settings ({@code --allow}, {@code --trust}): no
 * special case for Keycloak.
 */
class CliLoginIT {

    private static final String PIN = "246810";
    private static final int READER_INDEX = 1;

    @TempDir
    Path temp;

    private KeycloakServer keycloak;
    private PcscdFixture pcscd;
    private VirtualSithsCard card;
    private Browser browser;
    private AppLauncher app;

    @BeforeEach
    void start() throws Exception {
        keycloak = KeycloakServer.shared();
        pcscd = PcscdFixture.acquire();
        card = VirtualSithsCard.builder().withPki(keycloak.pki())
                .withInitialSecrets(PIN.toCharArray(), "135791".toCharArray(), "86420975".toCharArray()).createFresh();
        pcscd.insert(card, READER_INDEX);
        app = new AppLauncher(temp.resolve("app"));
        browser = Browser.open(keycloak.tlsSpkiHash(), "sv");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @Test
    void legitimeraAuth_withTheRightPin_logsTheCardHolderIn() throws Exception {
        OidcTestClient client = client();
        OidcTestClient.Login login = client.start(List.of());
        String link = new LoginPage(browser).open(login);

        AppLauncher.Run run = app.run(PIN + "\n", auth(link));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Jag legitimerar mig hos " + TestRealms.CLIENT_NAME);
        URI landed = browser.awaitUrlStartingWith("the client's redirect URI", client.redirectUri());
        OidcTestClient.Tokens tokens = client.finish(login, landed);
        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo(card.holder().hsaId());
        assertThat(tokens.claims().getStringClaim("name")).isEqualTo(card.holder().commonName());
        assertThat(tokens.claims().getStringClaim("acr")).isEqualTo("http://id.elegnamnden.se/loa/1.0/loa3");
    }

    @Test
    void aWrongPin_costsOneTry_andLeavesThePageWaiting_thenTheRightPinCompletes() throws Exception {
        OidcTestClient client = client();
        OidcTestClient.Login login = client.start(List.of());
        LoginPage page = new LoginPage(browser);
        String link = page.open(login);

        AppLauncher.Run wrong = app.run("000000\n", auth(link));

        assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
        assertThat(wrong.output()).contains("Fel pinkod, 2 försök kvar");
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(2);
        assertThat(page.state()).isEqualTo("waiting");

        AppLauncher.Run right = app.run(PIN + "\n", auth(link));

        assertThat(right.exitCode()).as(right.output()).isZero();
        URI landed = browser.awaitUrlStartingWith("the client's redirect URI", client.redirectUri());
        assertThat(client.finish(login, landed).claims().getStringClaim("hsa_id")).isEqualTo(card.holder().hsaId());
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    private List<String> auth(String link) throws Exception {
        Path trust = temp.resolve("trust.pem");
        if (!Files.exists(trust)) {
            PemFiles.writeCertificate(trust, keycloak.pki().rootCertificate());
        }
        return List.of("auth", link, "--stdin", "--trust", trust.toString(),
                "--allow", keycloak.baseUrl().toString(), "--reader", PcscdFixture.readerName(READER_INDEX));
    }

    private OidcTestClient client() throws Exception {
        return OidcTestClient.discover(keycloak.realmUrl(TestRealms.MAIN), TestRealms.CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
    }
}
