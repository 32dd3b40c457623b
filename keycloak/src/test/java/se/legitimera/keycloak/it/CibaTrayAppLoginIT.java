package se.legitimera.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.stack.StackRequirement;
import se.legitimera.keycloak.stack.AppLauncher;
import se.legitimera.keycloak.stack.CibaTestClient;
import se.legitimera.keycloak.stack.DesktopInput;
import se.legitimera.keycloak.stack.KeycloakServer;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * A CIBA login with no browser at all, as on a VDI desktop: the tray app runs with {@code wait-for-logins} on
 * for the Keycloak realm, the user starts waiting with the PIN ("Vänta på inloggningar", Alt+V in the main
 * window that shows when no tray host runs), a client (Nimbus) asks Keycloak for a login with the virtual
 * card's HSA-id, the app's login window shows the order, the PIN is typed into it, the virtual card in vpcd's
 * second reader signs, and the client's token poll receives an ID token with the card's claims.
 */
class CibaTrayAppLoginIT {

    private static final String PIN = "246810";
    private static final int READER_INDEX = 1;
    private static final String BINDING_MESSAGE = "Journalen-kod-4711";
    /** Window titles (ASCII ends, as a C locale passes arguments): the main window, the PIN dialog, the login. */
    private static final String MAIN_WINDOW = "^Legitimera$";
    private static final String WAITING_PIN_WINDOW = "inloggningar$";
    private static final String LOGIN_WINDOW = "inloggning$";
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The app's log line of the order it fetched, {@code Fetched Order[<ref> for <RP name> at ...]}. */
    private static final String FETCHED_CIBA_ORDER = " for " + TestRealms.CIBA_CLIENT_NAME + " at ";

    @TempDir
    Path temp;

    private KeycloakServer keycloak;
    private PcscdFixture pcscd;
    private VirtualSithsCard card;
    private AppLauncher app;

    @BeforeEach
    void start() throws Exception {
        StackRequirement.require(System.getenv("DISPLAY") != null, "an X display (run under xvfb-run)");
        StackRequirement.require(DesktopInput.available(), "xdotool (Debian package xdotool), to type into the app's windows");
        keycloak = KeycloakServer.shared();
        pcscd = PcscdFixture.acquire();
        card = VirtualSithsCard.builder().withPki(keycloak.pki())
                .withInitialSecrets(PIN.toCharArray(), "135791".toCharArray(), "86420975".toCharArray()).createFresh();
        pcscd.insert(card, READER_INDEX);
        app = AppLauncher.allowing(keycloak, temp)
                .waitingForLoginsAt(URI.create(keycloak.realmUrl(TestRealms.MAIN) + "/legitimera"));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @Test
    void theOrderReachesTheWaitingTrayApp_andThePinTypedInItsWindow_givesTheClientTheCardsIdToken() throws Exception {
        startWaiting();
        CibaTestClient client = client();
        CibaTestClient.Started started = client.start(card.holder().hsaId(), BINDING_MESSAGE);

        app.awaitLog("A login addressed to the card holder arrived from ");
        app.awaitLog(FETCHED_CIBA_ORDER);
        DesktopInput.typeInto(LOGIN_WINDOW, PIN);

        OidcTestClient.Tokens tokens;
        try {
            tokens = client.await(started.acknowledged(), WAIT).tokensOrFail();
        } catch (AssertionError e) {
            throw app.withLog(e);
        }
        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo(card.holder().hsaId());
        assertThat(tokens.claims().getStringClaim("name")).isEqualTo(card.holder().commonName());
        assertThat(tokens.claims().getStringClaim("acr")).isEqualTo("http://id.elegnamnden.se/loa/1.0/loa3");
        assertThat(Files.readString(app.log())).contains(TestRealms.CIBA_CLIENT_NAME).doesNotContain(PIN);
    }

    @Test
    void cancelInTheAppsLoginWindow_endsTheClientsRequestWithAccessDenied() throws Exception {
        startWaiting();
        CibaTestClient client = client();
        CibaTestClient.Started started = client.start(card.holder().hsaId(), BINDING_MESSAGE);

        app.awaitLog(FETCHED_CIBA_ORDER);
        DesktopInput.press(LOGIN_WINDOW, "Escape");

        String error;
        try {
            error = client.await(started.acknowledged(), WAIT).errorCode();
        } catch (AssertionError e) {
            throw app.withLog(e);
        }
        assertThat(error).isEqualTo("access_denied");
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);
    }

    /** Starts the tray app and, once it sees the card, "Vänta på inloggningar" with the PIN. */
    private void startWaiting() throws Exception {
        app.startTrayApp();
        app.awaitLog(" ready in ");
        app.awaitLog("Waiting for logins turned on for ");
        app.awaitLog("Card event: ");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (DesktopInput.visibleWindow(WAITING_PIN_WINDOW).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Alt+V in the main window never opened the PIN dialog for waiting");
            }
            DesktopInput.press(MAIN_WINDOW, "alt+v"); // the button is enabled once the card is read
            Thread.sleep(1000);
        }
        DesktopInput.typeInto(WAITING_PIN_WINDOW, PIN);
        app.awaitLog("Waiting for logins at ");
    }

    private CibaTestClient client() throws Exception {
        return CibaTestClient.discover(keycloak.realmUrl(TestRealms.MAIN), TestRealms.CIBA_CLIENT_ID,
                TestRealms.CIBA_CLIENT_SECRET, keycloak.clientTls());
    }
}
