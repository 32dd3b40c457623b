package se.legitimera.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.keycloak.stack.HttpLogin;
import se.legitimera.keycloak.stack.KeycloakCluster;
import se.legitimera.keycloak.stack.KeycloakCluster.Node;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.Route;
import se.legitimera.keycloak.stack.SoftwareCardApp;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * Two Keycloak nodes on one PostgreSQL database: a login completes whichever node the browser, the app and
 * the client reach, and survives the loss of the node that served the page. Runs after every other class of
 * the module ({@link Order} on the class): the cluster's start stops the single node.
 */
@Order(Order.DEFAULT + 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Holder TEST_TESTSSON = new Holder("Test", "Testsson", "TSTNMT2321000156-1024",
            "tstnmt1024@test.siths.se");

    private KeycloakCluster cluster;
    private OidcTestClient client;
    private SoftwareCardApp card;

    @BeforeEach
    void cluster() throws Exception {
        cluster = KeycloakCluster.shared();
        client = OidcTestClient.discover(cluster.realmUrl(TestRealms.MAIN), TestRealms.CLIENT_ID,
                cluster.callback().redirectUri(), cluster.clientTls(), cluster.to(Node.A));
        card = SoftwareCardApp.issuedBy(cluster.pki(), TEST_TESTSSON, cluster.clientTls());
    }

    @Test
    @Order(1)
    @DisplayName("the two nodes are one cluster: each one's latest view has both members")
    void bothNodesSeeEachOther() throws Exception {
        assertThat(cluster.clusterView(Node.A)).hasSize(2);
        assertThat(cluster.clusterView(Node.B)).containsExactlyInAnyOrderElementsOf(cluster.clusterView(Node.A));
    }

    @Test
    @Order(2)
    @DisplayName("page from A, order fetched from B, proof to A, code redeemed at B: the login completes")
    void loginCompletes_whenItsStepsReachDifferentNodes() throws Exception {
        Route a = cluster.to(Node.A);
        Route b = cluster.to(Node.B);

        OidcTestClient.Tokens tokens = new HttpLogin(cluster.clientTls())
                .login(client, card, new HttpLogin.Steps(a, b, a, a, b));

        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo(TEST_TESTSSON.hsaId());
    }

    @Test
    @Order(3)
    @DisplayName("A stopped after the app fetched the order from it: the proof posted to B completes the login")
    void loginCompletesOnB_whenANodeStopsBetweenOrderAndProof() throws Exception {
        Route a = cluster.to(Node.A);
        Route b = cluster.to(Node.B);
        HttpLogin browser = new HttpLogin(cluster.clientTls());
        HttpLogin.Page page = browser.open(client.start(List.of()), a);
        SoftwareCardApp.Order order = card.via(a).fetch(page.link());

        cluster.stop(Node.A);
        assertThatThrownBy(() -> card.via(a).fetch(page.link())).as("A is gone").isInstanceOf(java.io.IOException.class);
        SoftwareCardApp.Reply proof = card.via(b).approve(order);
        OidcTestClient.Tokens tokens = browser.finish(page, b, client.via(b));

        assertThat(proof.status()).as(proof.body()).isEqualTo(200);
        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo(TEST_TESTSSON.hsaId());
    }
}
