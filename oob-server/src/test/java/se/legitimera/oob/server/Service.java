package se.legitimera.oob.server;

import java.net.URI;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An {@link OobServer} over a {@link Pki} of its own, an in-memory OCSP responder and a clock the test moves;
 * configured as a test needs it.
 */
final class Service {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String URL = "https://idp.test:443";

    final TestClock clock = new TestClock(NOW);
    final Pki pki = new Pki(NOW, "Test");
    final Ocsp ocsp = new Ocsp(pki, clock::instant);
    final java.security.KeyPair orderKeys = Pki.keys("EC-256");
    final OobServer server;

    Service() {
        this(builder -> { });
    }

    Service(Consumer<OobServer.Builder> configuration) {
        this((pki, builder) -> configuration.accept(builder));
    }

    /** Configured with this service's own PKI at hand (to configure its intermediate, say). */
    Service(BiConsumer<Pki, OobServer.Builder> configuration) {
        OobServer.Builder builder = OobServer.builder()
                .withClock(clock)
                .withServiceUrl(URL)
                .withOrderKeys(OrderKeys.of(OrderSigningKey.software("order-1",
                        orderKeys.getPrivate(), orderKeys.getPublic())))
                .withTrustAnchor(pki.root)
                .withTrustLevel(Pki.LOA3_OID, 3)
                .withTrustLevel(Pki.LOA2_OID, 2)
                .withOcspResponder(URI.create("http://ocsp.idp.test/"))
                .withOcspTransport(ocsp);
        configuration.accept(pki, builder);
        server = builder.build();
    }

    /** A started and fetched order. */
    OrderRecord order(OrderRequest.Builder request) throws Exception {
        StartedOrder started = server.startOrder(request.build());
        server.fetchOrder(started.autoStartToken());
        return server.collect(started.orderRef());
    }

    OrderRecord order() throws Exception {
        return order(OrderRequest.builder("Test-RP").withRpOrigin("https://rp.test"));
    }

    /** Posts the proof {@code card} signs for {@code order} now. */
    Verdict prove(OrderRecord order, Card card) {
        return server.submitProof(order.autoStartToken(), card.proof(order, URL, clock.instant()));
    }
}
