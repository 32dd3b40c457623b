package se.legitimera.devkit.oob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobException;
import se.legitimera.oob.Order;
import se.legitimera.oob.OriginNotAllowedException;
import se.legitimera.oob.ServiceOrigin;

/**
 * Protocol document 1.1 end to end: a service whose app API lives under a path (as an identity provider serves
 * one per realm), reached by the app's real client from the link alone, with the origin on its allowlist.
 */
class ServicePathIT {

    private static final String REALM = "/realms/test/legitimera";
    private OobStack stack;

    @TempDir
    static Path pkiFolder;

    @BeforeEach
    void start() throws Exception {
        stack = new OobStack(pkiFolder, builder -> builder.withAppPath(REALM));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void whenTheAppApiLivesUnderAPath_thenTheLinkNamesItAndTheLoginCompletesThere() throws Exception {
        Map<String, Object> auth = stack.rp.auth(Map.of("rpName", "Journalen"));
        AutoStartLink link = OobStack.link(auth);
        assertThat(link.service()).isEqualTo(stack.service.serviceUrl());
        assertThat(link.service().toString()).isEqualTo(stack.service.origin() + REALM);
        try (OobClient client = stack.client().build()) {
            Order order = client.fetchOrder(link);
            client.complete(order, stack.card("TSTNMT2321000156-1024", "Tolvan", "Tolvansson")
                    .withPin("123456".toCharArray()));
        }
        Map<String, Object> collected = stack.rp.collect(auth.get("orderRef"));
        assertThat(collected).containsEntry("status", "complete");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) collected.get("completionData");
        SignedJWT proof = SignedJWT.parse((String) data.get("signature"));
        assertThat(proof.getJWTClaimsSet().getAudience()).containsExactly(stack.service.origin() + REALM);
    }

    @Test
    void whenOnlyAnotherRealmOfTheHostIsAllowed_thenTheAppRefusesTheLink() throws Exception {
        Map<String, Object> auth = stack.rp.auth(Map.of("rpName", "Journalen"));
        ServiceOrigin otherRealm = new ServiceOrigin(stack.service.origin().host(), stack.service.origin().port(),
                "/realms/other/legitimera");
        try (OobClient client = OobClient.builder().withSystemTrustStore(false)
                .withTrustedCertificate(stack.pki.rootCertificate()).withAllowedOrigin(otherRealm).withoutProxy().build()) {
            assertThatThrownBy(() -> client.fetchOrder(OobStack.link(auth))).isInstanceOf(OriginNotAllowedException.class);
        }
        assertThat(stack.rp.collect(auth.get("orderRef"))).containsEntry("hintCode", "outstandingTransaction");
    }

    @Test
    void whenALinkNamesTheBareOrigin_thenNoOrderIsFoundThere() throws Exception {
        Map<String, Object> auth = stack.rp.auth(Map.of("rpName", "Journalen"));
        AutoStartLink atRoot = new AutoStartLink(stack.service.origin(), (String) auth.get("autoStartToken"));
        try (OobClient client = stack.client().build()) {
            assertThatThrownBy(() -> client.fetchOrder(atRoot)).isInstanceOf(OobException.class);
        }
        assertThat(stack.rp.collect(auth.get("orderRef"))).containsEntry("hintCode", "outstandingTransaction");
    }
}
