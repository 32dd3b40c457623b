package se.legitimera.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import se.legitimera.keycloak.stack.Browser;
import se.legitimera.keycloak.stack.KeycloakServer;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * The test stack itself: the distribution started with the provider and the imported realm answers over
 * the test PKI's TLS, the browser drives its login page, and the Nimbus client redeems the code for an
 * ID token that verifies with the realm's keys. A user with a password (test realm only) keeps this
 * independent of the Legitimera flow, so that a broken fixture and a broken extension fail apart.
 */
class KeycloakFixtureIT {

    @Test
    void theImportedRealm_logsInThroughTheBrowser_andTheClientValidatesTheIdToken() throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();
        OidcTestClient client = OidcTestClient.discover(keycloak.realmUrl(TestRealms.FIXTURE_CHECK), "it-password",
                keycloak.callback().redirectUri(), keycloak.clientTls());
        OidcTestClient.Login login = client.start(List.of());
        try (Browser browser = Browser.open(keycloak.tlsSpkiHash(), "sv")) {
            browser.open(login.authorizationRequest());
            browser.await("Keycloak's password form", ExpectedConditions.presenceOfElementLocated(By.id("username")));
            browser.find(By.id("username")).sendKeys("fixture-check");
            browser.find(By.id("password")).sendKeys("fixture-check-only");
            browser.find(By.id("kc-login")).click();
            URI landed = browser.awaitUrlStartingWith("the client's redirect URI", client.redirectUri());
            browser.screenshot(Path.of("target/screenshots/fixture-landed.png"));

            OidcTestClient.Tokens tokens = client.finish(login, landed);

            assertThat(tokens.claims().getIssuer().getValue()).isEqualTo(keycloak.realmUrl(TestRealms.FIXTURE_CHECK).toString());
            assertThat(tokens.claims().getStringClaim("preferred_username")).isEqualTo("fixture-check");
            assertThat(tokens.claims().getStringClaim("name")).isEqualTo("Fixture Check");
        }
    }
}
