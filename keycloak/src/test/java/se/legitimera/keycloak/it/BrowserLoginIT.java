package se.legitimera.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.keycloak.stack.Browser;
import se.legitimera.keycloak.stack.KeycloakServer;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.SoftwareCardApp;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * The Legitimera browser flow in the real Keycloak with a real browser and a real OIDC client, the app's
 * side played by a software card (the real app's runs are in the CLI and tray-app ITs): the page names the
 * client and carries the link, the card's proof completes the order, the page moves on by itself, and the
 * ID token carries the card holder's HSA-id, name and trust level.
 */
class BrowserLoginIT {

    private static final Holder TEST_TESTSSON = new Holder("Test", "Testsson", "TSTNMT2321000156-1024",
            "tstnmt1024@test.siths.se");

    private KeycloakServer keycloak;
    private Browser browser;

    @BeforeEach
    void open() {
        keycloak = KeycloakServer.shared();
        browser = Browser.open(keycloak.tlsSpkiHash(), "sv");
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aCardProof_completesTheLogin_andTheIdTokenCarriesTheCardHolder() throws Exception {
        OidcTestClient client = client(TestRealms.MAIN);
        OidcTestClient.Login login = client.start(List.of());
        String link = openLegitimeraPage(login);
        assertThat(browser.find(By.id("legitimera-client")).getText()).contains(TestRealms.CLIENT_NAME);
        browser.screenshot(Path.of("target/screenshots/browser-login-01-waiting.png"));

        SoftwareCardApp app = SoftwareCardApp.issuedBy(keycloak.pki(), TEST_TESTSSON, keycloak.clientTls());
        SoftwareCardApp.Order order = app.fetch(link);
        assertThat(order.claims().getStringClaim("rpName")).isEqualTo(TestRealms.CLIENT_NAME);
        SoftwareCardApp.Reply reply = app.approve(order);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);

        URI landed = browser.awaitUrlStartingWith("the client's redirect URI", client.redirectUri());
        OidcTestClient.Tokens tokens = client.finish(login, landed);
        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo("TSTNMT2321000156-1024");
        assertThat(tokens.claims().getStringClaim("name")).isEqualTo("Test Testsson");
        assertThat(tokens.claims().getStringClaim("acr")).isEqualTo("http://id.elegnamnden.se/loa/1.0/loa3");
    }

    @Test
    void theShippedRealmExport_importedAsIs_logsTheCardHolderIn() throws Exception {
        OidcTestClient client = OidcTestClient.discover(keycloak.realmUrl(TestRealms.DEMO), TestRealms.DEMO_CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
        OidcTestClient.Login login = client.start(List.of());
        String link = openLegitimeraPage(login);
        assertThat(browser.find(By.id("legitimera-client")).getText()).contains("Demojournalen");

        SoftwareCardApp app = SoftwareCardApp.issuedBy(keycloak.pki(), TEST_TESTSSON, keycloak.clientTls());
        assertThat(app.approve(app.fetch(link)).status()).isEqualTo(200);

        URI landed = browser.awaitUrlStartingWith("the demo client's redirect URI", client.redirectUri());
        OidcTestClient.Tokens tokens = client.finish(login, landed);
        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo("TSTNMT2321000156-1024");
        assertThat(tokens.claims().getStringClaim("preferred_username")).isEqualTo("test.testsson");
    }

    @Test
    void cancelOnThePage_endsOnAClearPage_andTheOrderCannotBeCompletedAfterwards() throws Exception {
        OidcTestClient.Login login = client(TestRealms.MAIN).start(List.of());
        String link = openLegitimeraPage(login);
        SoftwareCardApp app = SoftwareCardApp.issuedBy(keycloak.pki(), TEST_TESTSSON, keycloak.clientTls());
        SoftwareCardApp.Order order = app.fetch(link);

        browser.find(By.id("legitimera-cancel")).click();
        awaitFailure("cancelledOnPage");
        assertThat(browser.pageText()).contains("Du avbröt inloggningen").contains("Försök igen");

        SoftwareCardApp.Reply late = app.approve(order);
        assertThat(late.status()).isNotEqualTo(200);
    }

    private String openLegitimeraPage(OidcTestClient.Login login) {
        return new LoginPage(browser).open(login);
    }

    private void awaitFailure(String id) {
        new LoginPage(browser).awaitFailure(id);
    }

    private OidcTestClient client(String realm) throws Exception {
        return OidcTestClient.discover(keycloak.realmUrl(realm), TestRealms.CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
    }
}
