package se.legitimera.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import se.legitimera.devkit.pki.Holder;
import se.legitimera.keycloak.stack.HttpLogin;
import se.legitimera.keycloak.stack.KeycloakServer;
import se.legitimera.keycloak.stack.OidcTestClient;
import se.legitimera.keycloak.stack.SoftwareCardApp;
import se.legitimera.keycloak.stack.TestRealms;

/**
 * bench/keycloak: logins through the real Keycloak with software card keys, from the client's authorization
 * request to a validated ID token (no PIN entry; a P-256 software signature takes well under a millisecond).
 * Not an IT: run it by name, see bench/keycloak/README.md. Prints its figures; asserts only that no login
 * was lost.
 */
class KeycloakLoginBenchmark {

    private static final Holder HOLDER = new Holder("Test", "Testsson", "TSTNMT2321000156-1024",
            "tstnmt1024@test.siths.se");

    @Test
    void sequentialLatency_andTwoHundredConcurrentLogins() throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();
        OidcTestClient client = OidcTestClient.discover(keycloak.realmUrl(TestRealms.MAIN), TestRealms.CLIENT_ID,
                keycloak.callback().redirectUri(), keycloak.clientTls());
        SoftwareCardApp card = SoftwareCardApp.issuedBy(keycloak.pki(), HOLDER, keycloak.clientTls());
        int warmUp = Integer.getInteger("bench.warmup", 20);
        int rounds = Integer.getInteger("bench.rounds", 100);
        int concurrent = Integer.getInteger("bench.concurrent", 200);
        for (int i = 0; i < warmUp; i++) {
            new HttpLogin(keycloak.clientTls()).login(client, card);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            OidcTestClient.Tokens tokens = new HttpLogin(keycloak.clientTls()).login(client, card);
            micros.add((System.nanoTime() - start) / 1000);
            assertThat(tokens.claims().getStringClaim("hsa_id")).isEqualTo(HOLDER.hsaId());
        }
        Collections.sort(micros);
        System.out.printf("BENCH keycloak sequential: %d logins, median %.1f ms, p90 %.1f ms%n", rounds,
                micros.get(rounds / 2) / 1000.0, micros.get((int) Math.ceil(rounds * 0.9) - 1) / 1000.0);

        long start = System.nanoTime();
        List<Future<OidcTestClient.Tokens>> logins = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrent; i++) {
                logins.add(pool.submit(() -> new HttpLogin(keycloak.clientTls()).login(client, card)));
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        int completed = 0;
        List<String> failures = new ArrayList<>();
        for (Future<OidcTestClient.Tokens> login : logins) {
            try {
                if (HOLDER.hsaId().equals(login.get().claims().getStringClaim("hsa_id"))) {
                    completed++;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        System.out.printf("BENCH keycloak concurrent: %d of %d logins completed in %d ms, %.1f logins/s%n",
                completed, concurrent, wall.toMillis(), completed * 1000.0 / wall.toMillis());
        assertThat(failures).as("lost logins").isEmpty();
        assertThat(completed).isEqualTo(concurrent);
    }
}
