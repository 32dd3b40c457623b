package se.legitimera.oob.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the builders, the service URL and the record codec accept and refuse. */
class ConfigurationTest {

    private final Service service = new Service();

    @Test
    void aServerNeedsAServiceUrlKeysAndATrustAnchor() {
        OrderKeys keys = OrderKeys.of(OrderSigningKey.software("k", service.orderKeys.getPrivate(),
                service.orderKeys.getPublic()));
        assertThatThrownBy(() -> OobServer.builder().withOrderKeys(keys).withTrustAnchor(service.pki.root).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("service URL");
        assertThatThrownBy(() -> OobServer.builder().withServiceUrl(Service.URL).withTrustAnchor(service.pki.root).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keys");
        assertThatThrownBy(() -> OobServer.builder().withServiceUrl(Service.URL).withOrderKeys(keys).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("trust anchor");
    }

    @Test
    void outOfRangeSettings_areRefused() {
        OobServer.Builder builder = OobServer.builder();
        assertThatThrownBy(() -> builder.withTrustLevel("1.2.3", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.withOrderLifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.withClockSkew(Duration.ofMinutes(11))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.withOcspTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.withServiceUrl("http://idp.test")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serviceUrls_areWrittenCanonically() {
        assertThat(ServiceUrl.parse("https://IDP.example").toString()).isEqualTo("https://idp.example:443");
        assertThat(ServiceUrl.parse("https://idp.example:8443/realms/vard/legitimera/").toString())
                .isEqualTo("https://idp.example:8443/realms/vard/legitimera");
        assertThat(ServiceUrl.parse("https://idp.example/realms/vard").origin()).isEqualTo("https://idp.example:443");
        for (String bad : new String[] {"https://idp.example/?q=1", "https://u@idp.example", "https://idp.example/#x",
                "https://idp.example/a/../b", "ftp://idp.example", "https:///path"}) {
            assertThatThrownBy(() -> ServiceUrl.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void orderRequests_checkTheLimitsOfSection3() {
        assertThatThrownBy(() -> OrderRequest.builder("").build()).isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> OrderRequest.builder("x".repeat(101)).build()).isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> OrderRequest.builder("RP").withMessage("m".repeat(1001)).build())
                .isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> OrderRequest.builder("RP").withRequestedLoa(0).build())
                .isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> OrderRequest.builder("RP").withRpOrigin("http://rp.test").build())
                .isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> OrderRequest.builder("RP").withRpOrigin("https://rp.test/path").build())
                .isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> OrderRequest.builder("RP").withLifetime(Duration.ofHours(2)).build())
                .isInstanceOf(InvalidParametersException.class);
    }

    @Test
    void anOrderKeyMustBeAPair() {
        assertThatThrownBy(() -> OrderSigningKey.software("k", service.orderKeys.getPrivate(),
                Pki.keys("EC-256").getPublic())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderSigningKey.software("k", Pki.keys("EC-384").getPrivate(),
                service.orderKeys.getPublic())).isInstanceOf(IllegalArgumentException.class);
        assertThat(OrderSigningKey.software("k", service.orderKeys.getPrivate(), service.orderKeys.getPublic())
                .algorithm()).isEqualTo("ES256");
    }

    @Test
    void aCompletedOrder_survivesTheStringMapOfAClusterStore() throws Exception {
        OrderRecord order = service.order(OrderRequest.builder("RP").withMessage("hej").withHsaId(Pki.HSA_ID)
                .withRequestedLoa(2).withHostAttribute("session", "s-1"));
        OrderRecord complete = ((Verdict.Completed) service.prove(order, service.pki.card())).order();

        OrderRecord back = OrderRecords.fromMap(OrderRecords.toMap(complete));

        assertThat(back).usingRecursiveComparison().isEqualTo(complete);
        assertThat(OrderRecords.fromMap(OrderRecords.toMap(order))).isEqualTo(order);
        assertThat(back.completion().orElseThrow().personalIdentityNumber()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> OrderRecords.fromMap(java.util.Map.of("orderRef", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
