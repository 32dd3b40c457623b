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
import org.openqa.selenium.By;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.keycloak.stack.Browser;
import se.legitimera.keycloak.stack.KeycloakServer;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.SoftwareCardApp;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * Each way a Legitimera login must not succeed, in the real Keycloak with a real browser: every test ends on
 * a clear page with "Försök igen" (or on the page still waiting, where the refusal must not harm the rightful
 * holder's order) and no tokens where none may be issued. The app's side is a software card; the refusals
 * that need the real app (wrong PIN, cancel in the app's dialog) are in the app ITs.
 */
class RefusalIT {

    private static final Holder TEST_TESTSSON = new Holder("Test", "Testsson", "TSTNMT2321000156-1024",
            "tstnmt1024@test.siths.se");
    /** No user has this HSA-id; the certificate's SAN carries an e-mail address (the user profile requires one). */
    private static final Holder NO_ACCOUNT = new Holder("Nils", "Kontolös", "TSTNMT2321000156-9999",
            "nils@test.siths.se").withEmail("nils.kontolos@test.siths.se");

    @TempDir
    Path temp;

    private KeycloakServer keycloak;
    private Browser browser;
    private Browser secondBrowser;
    private LoginPage page;

    @BeforeEach
    void open() {
        keycloak = KeycloakServer.shared();
        browser = Browser.open(keycloak.tlsSpkiHash(), "sv");
        page = new LoginPage(browser);
    }

    @AfterEach
    void close() {
        for (Browser b : new Browser[] {browser, secondBrowser}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    void cancelInTheApp_endsOnTheCancelledPage() throws Exception {
        String link = page.open(client(TestRealms.MAIN).start(List.of()));
        SoftwareCardApp app = card(TEST_TESTSSON);
        SoftwareCardApp.Order order = app.fetch(link);

        assertThat(app.cancel(order, "userCancel").status()).isEqualTo(200);

        page.awaitFailure("userCancel");
        assertThat(page.text()).contains("Inloggningen avbröts i Legitimera");
        assertThat(app.approve(order).status()).isNotEqualTo(200);
    }

    @Test
    void anOrderThatExpires_endsOnTheExpiredPageByItself() throws Exception {
        String link = page.open(client(TestRealms.EXPIRY).start(List.of()));
        SoftwareCardApp app = card(TEST_TESTSSON);
        SoftwareCardApp.Order order = app.fetch(link);

        page.awaitFailure("expiredTransaction");
        assertThat(page.text()).contains("Tiden för inloggningen gick ut");
        assertThat(app.approve(order).status()).isNotEqualTo(200);
    }

    @Test
    void aCardFromAnUntrustedCa_failsTheOrderWithACertificatePage() throws Exception {
        TestPki otherPki = TestPki.builder().withFolder(Files.createDirectories(temp.resolve("other-pki"))).openOrCreate();
        String link = page.open(client(TestRealms.MAIN).start(List.of()));
        SoftwareCardApp impostor = SoftwareCardApp.issuedBy(otherPki, TEST_TESTSSON, keycloak.clientTls());

        SoftwareCardApp.Reply reply = impostor.approve(impostor.fetch(link));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("proofRejected").contains("certificateErr");
        page.awaitFailure("certificateErr");
    }

    @Test
    void aTrustLevelBelowTheClientsAcrValues_failsTheOrderWithACertificatePage() throws Exception {
        String link = page.open(client(TestRealms.MAIN).start(List.of("http://id.elegnamnden.se/loa/1.0/loa4")));
        SoftwareCardApp app = card(TEST_TESTSSON);
        SoftwareCardApp.Order order = app.fetch(link);
        assertThat(order.claims().getIntegerClaim("requestedLoa")).isEqualTo(4);

        SoftwareCardApp.Reply reply = app.approve(order);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("certificateErr");
        page.awaitFailure("certificateErr");
    }

    @Test
    void aReplayedProof_isRefused_andLeavesTheOtherLoginWaiting() throws Exception {
        OidcTestClient client = client(TestRealms.MAIN);
        OidcTestClient.Login first = client.start(List.of());
        String firstLink = page.open(first);
        SoftwareCardApp app = card(TEST_TESTSSON);
        SoftwareCardApp.Order firstOrder = app.fetch(firstLink);
        String proof = app.proofFor(firstOrder, firstOrder.link().service());
        assertThat(app.postProof(firstOrder.link(), proof).status()).isEqualTo(200);
        browser.awaitUrlStartingWith("the first login's redirect", client.redirectUri());

        assertThat(app.postProof(firstOrder.link(), proof).status()).as("the same proof again").isIn(400, 409);

        secondBrowser = Browser.open(keycloak.tlsSpkiHash(), "sv");
        LoginPage second = new LoginPage(secondBrowser);
        String secondLink = second.open(client.start(List.of()));
        SoftwareCardApp.Order secondOrder = app.fetch(secondLink);
        SoftwareCardApp.Reply replayed = app.postProof(secondOrder.link(), proof);
        assertThat(replayed.status()).as("the first proof with the second order's token").isEqualTo(400);
        assertThat(replayed.body()).contains("proofRejected");
        assertThat(second.state()).isEqualTo("waiting");
        // the rightful proof still completes the second order: the replay did not harm it
        assertThat(app.approve(secondOrder).status()).isEqualTo(200);
        secondBrowser.awaitUrlStartingWith("the second login's redirect", client.redirectUri());
    }

    @Test
    void aProofForAnotherRealm_isRefused_andTheLoginKeepsWaiting() throws Exception {
        String link = page.open(client(TestRealms.MAIN).start(List.of()));
        SoftwareCardApp app = card(TEST_TESTSSON);
        SoftwareCardApp.Order order = app.fetch(link);
        URI otherRealm = URI.create(keycloak.realmUrl(TestRealms.CREATE) + "/legitimera");

        SoftwareCardApp.Reply wrongAudience = app.postProof(order.link(), app.proofFor(order, otherRealm));
        SoftwareCardApp.Reply wrongService = app.postProof(new SoftwareCardApp.Link(otherRealm, order.link().token()),
                app.proofFor(order, otherRealm));

        assertThat(wrongAudience.status()).isEqualTo(400);
        assertThat(wrongAudience.body()).contains("proofRejected");
        assertThat(wrongService.status()).as("the other realm knows no such order").isEqualTo(404);
        assertThat(page.state()).isEqualTo("waiting");
        browser.find(By.id("legitimera-cancel")).click();
        page.awaitFailure("cancelledOnPage");
    }

    @Test
    void anHsaIdWithNoUser_underTheRefusePolicy_endsOnTheNoAccountPage() throws Exception {
        OidcTestClient client = client(TestRealms.MAIN);
        String link = page.open(client.start(List.of()));
        SoftwareCardApp app = card(NO_ACCOUNT);

        assertThat(app.approve(app.fetch(link)).status()).isEqualTo(200);

        page.awaitFailure("unknownUser");
        assertThat(page.text()).contains("det finns inget konto för ditt HSA-id");
        assertThat(browser.currentUrl().toString()).doesNotStartWith(client.redirectUri().toString());
    }

    @Test
    void anHsaIdWithNoUser_underTheCreatePolicy_logsInAsANewUserMadeFromTheCertificate() throws Exception {
        OidcTestClient client = client(TestRealms.CREATE);
        OidcTestClient.Login login = client.start(List.of());
        String link = page.open(login);
        SoftwareCardApp app = card(NO_ACCOUNT);

        assertThat(app.approve(app.fetch(link)).status()).isEqualTo(200);

        URI landed = browser.awaitUrlStartingWith("the client's redirect URI", client.redirectUri());
        OidcTestClient.Tokens tokens = client.finish(login, landed);
        assertThat(tokens.claims().getStringClaim("preferred_username")).isEqualTo("tstnmt2321000156-9999");
        assertThat(tokens.claims().getStringClaim("given_name")).isEqualTo("Nils");
        assertThat(tokens.claims().getStringClaim("family_name")).isEqualTo("Kontolös");
        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo("TSTNMT2321000156-9999");
        assertThat(tokens.claims().getStringClaim("email")).isEqualTo("nils.kontolos@test.siths.se");
    }

    @Test
    void aSecondLoginOfTheSameHsaId_endsTheOneThatWaits() throws Exception {
        OidcTestClient client = client(TestRealms.MAIN);
        String firstLink = page.open(client.start(List.of(), TEST_TESTSSON.hsaId()));
        SoftwareCardApp app = card(TEST_TESTSSON);
        SoftwareCardApp.Order firstOrder = app.fetch(firstLink);
        assertThat(firstOrder.claims().getStringClaim("hsaId")).isEqualTo(TEST_TESTSSON.hsaId());

        secondBrowser = Browser.open(keycloak.tlsSpkiHash(), "sv");
        LoginPage second = new LoginPage(secondBrowser);
        second.open(client.start(List.of(), TEST_TESTSSON.hsaId()));

        page.awaitFailure("cancelled");
        assertThat(app.approve(firstOrder).status()).isNotEqualTo(200);
        assertThat(second.state()).isEqualTo("waiting");
        // Left waiting, the second order (addressed to this HSA-id for 120 s) would reach the next test's app
        // that waits for logins addressed to the same card holder (CI: CibaTrayAppLoginIT showed it).
        second.cancel();
    }

    private SoftwareCardApp card(Holder holder) throws Exception {
        return SoftwareCardApp.issuedBy(keycloak.pki(), holder, keycloak.clientTls());
    }

    private OidcTestClient client(String realm) throws Exception {
        return OidcTestClient.discover(keycloak.realmUrl(realm), TestRealms.CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
    }
}
