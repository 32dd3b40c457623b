package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import org.opentest4j.TestAbortedException;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.stack.PcscdFixture;

/**
 * The try-out behind {@code scripts/keycloak-demo.sh}: the stack tests' Keycloak (distribution, provider,
 * TLS and OCSP from the devkit PKI, the shipped demo realm) kept running, with the demo client waiting at its
 * redirect URI; where pcscd with vpcd can be used, the virtual SITHS card in vpcd's second reader and the tray
 * app (the developer launcher) allowing this Keycloak, as a user's would after IT set it up. Each login is
 * opened in the desktop's browser and ends with the validated ID token's claims. Ctrl-C stops everything
 * started here (by PID).
 */
public final class KeycloakDemo {

    /** The demo card's codes, printed for the user (test values of a virtual card, not secrets). */
    private static final String PIN = "246810";
    private static final String SIGNATURE_PIN = "135791";
    private static final String PUK = "86420975";
    private static final int READER_INDEX = 1;

    private KeycloakDemo() {
    }

    public static void main(String[] args) throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();
        OidcTestClient client = OidcTestClient.discover(keycloak.realmUrl(TestRealms.DEMO), TestRealms.DEMO_CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
        System.out.printf("%nKeycloak %s is ready on %s (started in %d s); its log: %s%n", "26.7.3", keycloak.baseUrl(),
                keycloak.startTime().toSeconds(), keycloak.log());
        Optional<AppLauncher> app = startAppWithVirtualCard(keycloak);
        if (app.isEmpty()) {
            System.out.printf("Log in with a card of your own: the app trusts this Keycloak with --trust %s --allow %s"
                    + " (TLS pin %s)%n", keycloak.trustPem(), keycloak.baseUrl(), keycloak.tlsPin());
        }
        while (true) {
            OidcTestClient.Login login = client.start(List.of());
            System.out.printf("%nThe demo client \"Demojournalen\" asks for a login:%n  %s%n", login.authorizationRequest());
            if (!openInBrowser(login.authorizationRequest())) {
                System.out.println("Open it in a browser.");
            }
            System.out.println("Click \"Öppna Legitimera\" on the page (an installed Legitimera is the handler of"
                    + " legitimera:// links), or hand its link to the app yourself:");
            System.out.println(app.isPresent() ? "  app/target/legitimera 'legitimera://...'   (the running tray app shows it)"
                    : String.format("  app/target/legitimera auth 'legitimera://...' --trust %s --allow %s",
                            keycloak.trustPem(), keycloak.baseUrl()));
            URI redirect = keycloak.callback().nextRedirect();
            try {
                OidcTestClient.Tokens tokens = client.finish(login, redirect);
                System.out.printf("%nLogged in. ID token claims (signature checked with the realm's keys):%n  %s%n",
                        tokens.claims().toJSONObject());
            } catch (AssertionError | Exception e) {
                System.out.printf("%nThe login did not complete: %s%n", e.getMessage());
            }
        }
    }

    /**
     * Inserts the virtual card into vpcd and starts the tray app that allows this Keycloak; empty (with the reason
     * printed) when pcscd with vpcd, the app's launcher or a display is missing. The tray app uses its own HOME
     * under the demo's working folder, so the user's settings stay untouched.
     */
    private static Optional<AppLauncher> startAppWithVirtualCard(KeycloakServer keycloak)
            throws IOException, GeneralSecurityException, InterruptedException {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            System.out.println("No display: the tray app and the virtual card are not started.");
            return Optional.empty();
        }
        PcscdFixture pcscd;
        AppLauncher app;
        try {
            app = AppLauncher.allowing(keycloak, Files.createDirectories(keycloak.log().resolveSibling("demo-app")));
            pcscd = PcscdFixture.acquire();
        } catch (TestAbortedException e) {
            System.out.println("The tray app and the virtual card are not started: " + e.getMessage());
            return Optional.empty();
        }
        VirtualSithsCard card = VirtualSithsCard.builder().withPki(keycloak.pki())
                .withInitialSecrets(PIN.toCharArray(), SIGNATURE_PIN.toCharArray(), PUK.toCharArray()).createFresh();
        pcscd.insert(card, READER_INDEX);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            pcscd.close();
        }, "demo-stop"));
        app.startTrayApp();
        app.awaitLog(" ready in ");
        System.out.printf("The virtual SITHS card of %s (%s) is in vpcd's reader %d; its PIN is %s (PUK %s)."
                + " The tray app runs; its log: %s%n", card.holder().commonName(), card.holder().hsaId(), READER_INDEX,
                PIN, PUK, app.log());
        return Optional.of(app);
    }

    /** Opens the page with the desktop's browser (xdg-open); false when there is none. */
    private static boolean openInBrowser(URI page) {
        try {
            Process open = new ProcessBuilder("xdg-open", page.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return open.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
