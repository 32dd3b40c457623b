package se.legitimera.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.keycloak.stack.HttpLogin;
import se.legitimera.keycloak.stack.KeycloakCluster;
import se.legitimera.keycloak.stack.KeycloakCluster.Node;
import se.legitimera.keycloak.stack.KeycloakServer;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.ReferenceService;
import se.legitimera.keycloak.stack.Route;
import se.legitimera.keycloak.stack.SoftwareCardApp;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * bench/keycloak: logins through the real Keycloak with software card keys, from the client's authorization
 * request to a validated ID token (no PIN entry; a P-256 software signature takes well under a millisecond),
 * turn by turn with the same flow through the devkit reference service's OIDC front (the ratio).
 * Then what apps that wait for logins cost (back-to-back polls), and the same 200 concurrent logins over a
 * two-node cluster ({@link KeycloakCluster}), each login's steps alternating between the nodes. Not an IT: run
 * it by name, see bench/keycloak/README.md. Prints its figures; asserts only that no login was lost or mixed
 * up and that every poll was answered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakLoginBenchmark {

    private static final Holder HOLDER = new Holder("Test", "Testsson", "TSTNMT2321000156-1024",
            "tstnmt1024@test.siths.se");

    @Test
    @Order(1)
    void sequentialLatency_andTwoHundredConcurrentLogins() throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();
        OidcTestClient client = OidcTestClient.discover(keycloak.realmUrl(TestRealms.MAIN), TestRealms.CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
        SoftwareCardApp card = SoftwareCardApp.issuedBy(keycloak.pki(), HOLDER, keycloak.clientTls());
        int warmUp = Integer.getInteger("bench.warmup", 20);
        int rounds = Integer.getInteger("bench.rounds", 100);
        int concurrent = Integer.getInteger("bench.concurrent", 200);
        try (ReferenceService reference = ReferenceService.beside(keycloak)) {
            OidcTestClient referenceClient = OidcTestClient.discover(reference.issuer(), "benchmark",
                    keycloak.callback().redirectUri(), keycloak.clientTls()).expectingIdTokensSignedWith(JWSAlgorithm.ES256);
            for (int i = 0; i < warmUp; i++) {
                new HttpLogin(keycloak.clientTls()).login(client, card);
                new HttpLogin(keycloak.clientTls(), HttpLogin.Front.REFERENCE_SERVICE).login(referenceClient, card);
            }
            // Turn by turn, so that both see the same machine load.
            List<Long> viaKeycloak = new ArrayList<>();
            List<Long> viaReference = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                viaKeycloak.add(timedLogin(new HttpLogin(keycloak.clientTls()), client, card));
                viaReference.add(timedLogin(new HttpLogin(keycloak.clientTls(), HttpLogin.Front.REFERENCE_SERVICE),
                        referenceClient, card));
            }
            double[] kc = medianAndP90(viaKeycloak);
            double[] ref = medianAndP90(viaReference);
            System.out.printf("BENCH keycloak sequential: %d logins, median %.1f ms, p90 %.1f ms%n", rounds, kc[0], kc[1]);
            System.out.printf("BENCH reference service sequential: %d logins, median %.1f ms, p90 %.1f ms%n", rounds,
                    ref[0], ref[1]);
            System.out.printf("BENCH ratio keycloak/reference: median %.2f, p90 %.2f%n", kc[0] / ref[0], kc[1] / ref[1]);
        }

        concurrentLogins("keycloak concurrent", concurrent, i -> new HttpLogin(keycloak.clientTls()).login(client, card));
    }

    /**
     * What apps that wait for logins addressed to their card holder (VDI, CIBA) cost the node: Keycloak answers
     * each poll at once, so {@code bench.pollers} poll sessions poll back to back, without the app's pause, for
     * {@code bench.pollSeconds}; the polls a second are the node's capacity, and the capacity times the
     * realm's app poll interval is how many waiting apps would keep this machine busy.
     */
    @Test
    @Order(2)
    void pollsOfAppsThatWaitForLogins() throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();
        SoftwareCardApp card = SoftwareCardApp.issuedBy(keycloak.pki(), HOLDER, keycloak.clientTls());
        URI service = URI.create(keycloak.realmUrl(TestRealms.MAIN) + "/legitimera");
        int pollers = Integer.getInteger("bench.pollers", 50);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < pollers; i++) {
            sessions.add(card.openPollSession(service));
        }
        backToBackPolls(card, service, sessions, Duration.ofSeconds(5)); // warm-up
        Duration length = Duration.ofSeconds(Integer.getInteger("bench.pollSeconds", 20));
        List<Long> micros = backToBackPolls(card, service, sessions, length);
        double perSecond = micros.size() / (double) length.toSeconds();
        double[] latency = medianAndP90(micros);
        System.out.printf("BENCH keycloak polls: %d sessions back to back for %d s, %.0f polls/s, median %.1f ms, "
                + "p90 %.1f ms; at the default 3 s interval %.0f waiting apps would keep this machine busy%n",
                pollers, length.toSeconds(), perSecond, latency[0], latency[1], perSecond * 3);
    }

    /** Every session polls again as soon as its answer is in, until {@code length} is over; each poll's time. */
    private static List<Long> backToBackPolls(SoftwareCardApp card, URI service, List<String> sessions, Duration length)
            throws Exception {
        long end = System.nanoTime() + length.toNanos();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> pollers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String session : sessions) {
                pollers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        SoftwareCardApp.Reply reply = card.poll(service, session);
                        micros.add((System.nanoTime() - start) / 1000);
                        assertThat(reply.status()).as("a poll without an order").isEqualTo(204);
                    }
                    return null;
                }));
            }
        }
        for (Future<?> poller : pollers) {
            poller.get();
        }
        return micros;
    }

    @Test
    @Order(3)
    void twoHundredConcurrentLogins_overTwoNodes() throws Exception {
        KeycloakCluster cluster = KeycloakCluster.shared();
        Route a = cluster.to(Node.A);
        Route b = cluster.to(Node.B);
        OidcTestClient client = OidcTestClient.discover(cluster.realmUrl(TestRealms.MAIN), TestRealms.CLIENT_ID,
                cluster.callback().redirectUri(), cluster.clientTls(), a);
        SoftwareCardApp card = SoftwareCardApp.issuedBy(cluster.pki(), HOLDER, cluster.clientTls());
        int concurrent = Integer.getInteger("bench.concurrent", 200);
        // Every login crosses nodes at each step; half of them start on A, half on B.
        HttpLogin.Steps fromA = new HttpLogin.Steps(a, b, a, b, a);
        HttpLogin.Steps fromB = new HttpLogin.Steps(b, a, b, a, b);
        // As many logins before the batch as the single node had (warm-up and sequential rounds): the same JIT state.
        int warmUp = Integer.getInteger("bench.warmup", 20) + Integer.getInteger("bench.rounds", 100);
        for (int i = 0; i < warmUp; i++) {
            new HttpLogin(cluster.clientTls()).login(client, card, i % 2 == 0 ? fromA : fromB);
        }
        concurrentLogins("keycloak 2-node cluster concurrent", concurrent,
                i -> new HttpLogin(cluster.clientTls()).login(client, card, i % 2 == 0 ? fromA : fromB));
    }

    /** One login of a concurrent batch. */
    private interface ConcurrentLogin {
        OidcTestClient.Tokens run(int index) throws Exception;
    }

    /**
     * {@code count} logins at once on virtual threads; each ID token was validated against its own login's
     * nonce and state ({@link OidcTestClient#finish}) and must carry the holder's HSA-id. Prints the throughput.
     */
    private static void concurrentLogins(String name, int count, ConcurrentLogin login) throws Exception {
        long start = System.nanoTime();
        List<Future<OidcTestClient.Tokens>> logins = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                logins.add(pool.submit(() -> login.run(index)));
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        int completed = 0;
        List<String> failures = new ArrayList<>();
        for (Future<OidcTestClient.Tokens> done : logins) {
            try {
                if (HOLDER.hsaId().equals(done.get().claims().getStringClaim("hsa_id"))) {
                    completed++;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        System.out.printf("BENCH %s: %d of %d logins completed in %d ms, %.1f logins/s%n",
                name, completed, count, wall.toMillis(), completed * 1000.0 / wall.toMillis());
        assertThat(failures).as("lost logins").isEmpty();
        assertThat(completed).isEqualTo(count);
    }

    /** One login to a validated ID token of the holder; its wall-clock time in microseconds. */
    private static long timedLogin(HttpLogin login, OidcTestClient client, SoftwareCardApp card) throws Exception {
        long start = System.nanoTime();
        OidcTestClient.Tokens tokens = login.login(client, card);
        long micros = (System.nanoTime() - start) / 1000;
        assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo(HOLDER.hsaId());
        return micros;
    }

    /** The median and the 90th percentile, in milliseconds. */
    private static double[] medianAndP90(List<Long> micros) {
        List<Long> sorted = micros.stream().sorted().toList();
        return new double[] {sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) / 1000.0};
    }
}
