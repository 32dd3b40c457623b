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
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.stack.StackRequirement;
import se.legitimera.keycloak.stack.AppLauncher;
import se.legitimera.keycloak.stack.Browser;
import se.legitimera.keycloak.stack.DesktopInput;
import se.legitimera.keycloak.stack.KeycloakServer;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * The tray app logs in to Keycloak as a user would: the app runs (first launch), a real browser opens the
 * client's login, the page's {@code legitimera://} link goes to a second launch as the OS would hand it over,
 * the running app shows its login window, the PIN is typed into it (xdotool on the X display), the virtual
 * card in vpcd's second reader signs, and the client receives an ID token with the card's claims. The app
 * allows the Keycloak origin through its ordinary settings file and trusts the test root through the JDK's
 * trust store: no special case for Keycloak.
 */
class TrayAppLoginIT {

    private static final String PIN = "246810";
    private static final int READER_INDEX = 1;
    /** The login window's title is "Legitimera – inloggning"; ASCII only, as a C locale passes arguments. */
    private static final String LOGIN_WINDOW = "inloggning$";

    @TempDir
    Path temp;

    private KeycloakServer keycloak;
    private PcscdFixture pcscd;
    private VirtualSithsCard card;
    private Browser browser;
    private AppLauncher app;

    @BeforeEach
    void start() throws Exception {
        StackRequirement.require(System.getenv("DISPLAY") != null, "an X display (run under xvfb-run)");
        StackRequirement.require(DesktopInput.available(), "xdotool (Debian package xdotool), to type into the app's window");
        keycloak = KeycloakServer.shared();
        pcscd = PcscdFixture.acquire();
        card = VirtualSithsCard.builder().withPki(keycloak.pki())
                .withInitialSecrets(PIN.toCharArray(), "135791".toCharArray(), "86420975".toCharArray()).createFresh();
        pcscd.insert(card, READER_INDEX);
        app = AppLauncher.allowing(keycloak, temp);
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
    void theLinkHandedToTheRunningTrayApp_andThePinTypedInItsWindow_logTheCardHolderIn() throws Exception {
        app.startTrayApp();
        app.awaitLog(" ready in ");
        OidcTestClient client = OidcTestClient.discover(keycloak.realmUrl(TestRealms.MAIN), TestRealms.CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
        OidcTestClient.Login login = client.start(List.of());
        String link = new LoginPage(browser).open(login);

        AppLauncher.Run second = app.handOver(link);
        assertThat(second.exitCode()).as(second.output()).isZero();
        app.awaitLog("Login dialog shown");
        app.awaitLog("Fetched ");
        DesktopInput.typeInto(LOGIN_WINDOW, PIN);

        URI landed = browser.awaitUrlStartingWith("the client's redirect URI", client.redirectUri());
        OidcTestClient.Tokens tokens = client.finish(login, landed);
        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo(card.holder().hsaId());
        assertThat(tokens.claims().getStringClaim("name")).isEqualTo(card.holder().commonName());
        assertThat(tokens.claims().getStringClaim("acr")).isEqualTo("http://id.elegnamnden.se/loa/1.0/loa3");
        assertThat(Files.readString(app.log())).doesNotContain(PIN).doesNotContain(Link.token(link));
    }

    @Test
    void cancelInTheAppsLoginWindow_endsThePageOnTheCancelledPage_andNothingIsSigned() throws Exception {
        app.startTrayApp();
        app.awaitLog(" ready in ");
        OidcTestClient client = OidcTestClient.discover(keycloak.realmUrl(TestRealms.MAIN), TestRealms.CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
        LoginPage page = new LoginPage(browser);
        String link = page.open(client.start(List.of()));

        assertThat(app.handOver(link).exitCode()).isZero();
        app.awaitLog("Fetched ");
        DesktopInput.press(LOGIN_WINDOW, "Escape");

        page.awaitFailure("userCancel");
        assertThat(page.text()).contains("Inloggningen avbröts i Legitimera");
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    /** The token of a link, to check that no log holds it. */
    private static final class Link {
        static String token(String link) {
            return link.substring(link.indexOf("token=") + "token=".length());
        }
    }
}
