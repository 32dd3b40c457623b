package se.legitimera.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.keycloak.stack.CibaTestClient;
import se.legitimera.keycloak.stack.KeycloakServer;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.SoftwareCardApp;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * CIBA logins in the real Keycloak, each ending as CIBA core 1.0 says: a client (Nimbus) asks for a login
 * with an HSA-id and a binding message, the app's side waits for logins addressed to the card holder (a
 * software card with a card-signed poll session, as the app's poll mode), and the client's token poll ends
 * with an ID token or the specification's error. The real tray app's side is {@link CibaTrayAppLoginIT}.
 */
class CibaLoginIT {

    private static final Holder TEST_TESTSSON = new Holder("Test", "Testsson", "TSTNMT2321000156-1024",
            "tstnmt1024@test.siths.se");
    /** A card of someone else, who has no account. */
    private static final Holder SOMEONE_ELSE = new Holder("Nils", "Kontolös", "TSTNMT2321000156-9999",
            "nils@test.siths.se");
    /** Keycloak allows at most 50 characters without spaces. */
    private static final String BINDING_MESSAGE = "Journalen-kod-4711";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private KeycloakServer keycloak;

    @BeforeEach
    void start() {
        keycloak = KeycloakServer.shared();
    }

    @Test
    void theCardHoldersApproval_givesTheClientAnIdTokenWithTheCardsClaims() throws Exception {
        CibaTestClient client = client(TestRealms.MAIN);
        CibaTestClient.Started started = client.start(TEST_TESTSSON.hsaId(), BINDING_MESSAGE);
        SoftwareCardApp card = card(TEST_TESTSSON);

        SoftwareCardApp.Order order = card.fetch(card.awaitAddressedOrder(service(TestRealms.MAIN), WAIT));
        assertThat(order.claims().getStringClaim("message")).isEqualTo(BINDING_MESSAGE);
        assertThat(order.claims().getStringClaim("rpName")).isEqualTo(TestRealms.CIBA_CLIENT_NAME);
        assertThat(order.claims().getStringClaim("hsaId")).isEqualTo(TEST_TESTSSON.hsaId());
        assertThat(card.approve(order).status()).isEqualTo(200);

        OidcTestClient.Tokens tokens = client.await(started.acknowledged(), WAIT).tokensOrFail();
        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo(TEST_TESTSSON.hsaId());
        assertThat(tokens.claims().getStringClaim("acr")).isEqualTo("http://id.elegnamnden.se/loa/1.0/loa3");
        assertThat(tokens.claims().getStringClaim("name")).isEqualTo("Test Testsson");
    }

    @Test
    void aPollThatFindsNoOrder_isAnsweredAtOnce_withTheRealmsAppPollIntervalAsRetryAfter() throws Exception {
        SoftwareCardApp card = card(TEST_TESTSSON);
        URI service = service(TestRealms.MAIN);

        SoftwareCardApp.Reply poll = card.poll(service, card.openPollSession(service));

        assertThat(poll.status()).isEqualTo(204);
        assertThat(poll.retryAfter()).contains("3");
    }

    @Test
    void aPingModeClient_isRefusedAtOnce_andNoOrderReachesTheApp() throws Exception {
        CibaTestClient ping = CibaTestClient.discover(keycloak.realmUrl(TestRealms.MAIN),
                TestRealms.CIBA_PING_CLIENT_ID, TestRealms.CIBA_CLIENT_SECRET, keycloak.clientTls());
        SoftwareCardApp card = card(TEST_TESTSSON);
        URI service = service(TestRealms.MAIN);
        String session = card.openPollSession(service);

        CibaTestClient.Started started = ping.startInPingMode(TEST_TESTSSON.hsaId(), BINDING_MESSAGE);

        assertThat(started.error()).as("refused, not left waiting for a ping that never comes")
                .hasValueSatisfying(error -> assertThat(error.getCode()).isEqualTo("server_error"));
        assertThat(card.poll(service, session).status()).isEqualTo(204);
    }

    @Test
    void aLoginHintOfTheUsersName_addressesTheUsersCard() throws Exception {
        CibaTestClient client = client(TestRealms.MAIN);
        CibaTestClient.Started started = client.start("test.testsson", BINDING_MESSAGE);
        SoftwareCardApp card = card(TEST_TESTSSON);

        SoftwareCardApp.Order order = card.fetch(card.awaitAddressedOrder(service(TestRealms.MAIN), WAIT));
        assertThat(card.approve(order).status()).isEqualTo(200);

        assertThat(client.await(started.acknowledged(), WAIT).tokensOrFail().claims().getStringClaim("hsa_id"))
                .isEqualTo(TEST_TESTSSON.hsaId());
    }

    @Test
    void cancelInTheApp_endsWithAccessDenied() throws Exception {
        CibaTestClient client = client(TestRealms.MAIN);
        CibaTestClient.Started started = client.start(TEST_TESTSSON.hsaId(), BINDING_MESSAGE);
        SoftwareCardApp card = card(TEST_TESTSSON);
        SoftwareCardApp.Order order = card.fetch(card.awaitAddressedOrder(service(TestRealms.MAIN), WAIT));

        assertThat(card.cancel(order, "userCancel").status()).isEqualTo(200);

        assertThat(client.await(started.acknowledged(), WAIT).errorCode()).isEqualTo("access_denied");
    }

    @Test
    void aProofFromAnotherCard_endsWithAccessDenied() throws Exception {
        CibaTestClient client = client(TestRealms.MAIN);
        CibaTestClient.Started started = client.start(TEST_TESTSSON.hsaId(), BINDING_MESSAGE);
        String link = card(TEST_TESTSSON).awaitAddressedOrder(service(TestRealms.MAIN), WAIT);
        SoftwareCardApp wrongCard = card(SOMEONE_ELSE);

        assertThat(wrongCard.approve(wrongCard.fetch(link)).status()).isNotEqualTo(200);

        assertThat(client.await(started.acknowledged(), WAIT).errorCode()).isEqualTo("access_denied");
    }

    @Test
    void aRequestNobodyAnswers_endsWithExpiredToken() throws Exception {
        CibaTestClient client = client(TestRealms.EXPIRY);
        CibaTestClient.Started started = client.start(TEST_TESTSSON.hsaId(), BINDING_MESSAGE);
        SoftwareCardApp card = card(TEST_TESTSSON);
        card.fetch(card.awaitAddressedOrder(service(TestRealms.EXPIRY), WAIT)); // shown, never answered

        assertThat(client.await(started.acknowledged(), WAIT).errorCode()).isEqualTo("expired_token");
    }

    @Test
    void anHsaIdNoUserHas_isRefusedWithUnknownUserId() throws Exception {
        CibaTestClient.Started started = client(TestRealms.MAIN).start(SOMEONE_ELSE.hsaId(), BINDING_MESSAGE);

        assertThat(started.error()).hasValueSatisfying(error -> assertThat(error.getCode()).isEqualTo("unknown_user_id"));
    }

    private CibaTestClient client(String realm) throws Exception {
        return CibaTestClient.discover(keycloak.realmUrl(realm), TestRealms.CIBA_CLIENT_ID,
                TestRealms.CIBA_CLIENT_SECRET, keycloak.clientTls());
    }

    private SoftwareCardApp card(Holder holder) throws Exception {
        return SoftwareCardApp.issuedBy(keycloak.pki(), holder, keycloak.clientTls());
    }

    private URI service(String realm) {
        return URI.create(keycloak.realmUrl(realm) + "/legitimera");
    }
}
