package se.legitimera.oob.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How many proofs the library verifies per second on the calling thread (bench/oob/proofs.sh pins the JVM to
 * one core): software card keys, OCSP answered from the library's cache, in-memory stores. Each proof is a
 * full {@link OobServer#submitProof}: signature, claims, jti, PKIX path to the root, Key Usage, HSA-id, trust
 * level, OCSP (cached) and the order's completion. Only the submission is timed; orders and card signatures
 * are made beforehand. Runs only with {@code -Dlegitimera.bench=true}; writes target/bench/proof-verify.txt.
 */
class ProofThroughputBenchmark {

    private static final int CARDS = 16;
    private static final int BATCH = 1000;
    private static final int WARM_UP_BATCHES = 3;
    private static final int MEASURED_BATCHES = 5;

    @Test
    void proofsVerifiedPerSecondOnOneThread() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("legitimera.bench"), "benchmark: run with -Dlegitimera.bench=true");
        StringBuilder report = new StringBuilder("oob-server proof verification, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPU(s) visible, Java ")
                .append(Runtime.version()).append('\n');
        report.append(measure("ES256 (EC P-256 card key)", Pki.leaf().key("EC-256"), "ES256"));
        report.append(measure("RS256 (RSA 2048 card key, as SITHS cards)",
                Pki.leaf().key("RSA-2048").usage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment), "RS256"));
        Path out = Path.of("target", "bench", "proof-verify.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.print(report);
    }

    private static String measure(String label, Pki.Leaf spec, String alg) throws Exception {
        Service service = new Service();
        List<Card> cards = new ArrayList<>();
        for (int i = 0; i < CARDS; i++) {
            cards.add(service.pki.card(spec));
        }
        double best = 0;
        double sum = 0;
        for (int batch = 0; batch < WARM_UP_BATCHES + MEASURED_BATCHES; batch++) {
            List<String[]> submissions = prepare(service, cards, alg);
            long start = System.nanoTime();
            int completed = 0;
            for (String[] submission : submissions) {
                if (service.server.submitProof(submission[0], submission[1]) instanceof Verdict.Completed) {
                    completed++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(completed).isEqualTo(BATCH);
            if (batch >= WARM_UP_BATCHES) {
                double rate = BATCH / seconds;
                best = Math.max(best, rate);
                sum += rate;
            }
        }
        int ocspRequests = service.ocsp.requests();
        assertThat(ocspRequests).as("OCSP answered from the cache").isEqualTo(CARDS);
        return String.format(Locale.ROOT, "%s: %.0f proofs/s (mean of %d batches of %d), best batch %.0f/s; %d OCSP"
                        + " requests for %d proofs%n", label, sum / MEASURED_BATCHES, MEASURED_BATCHES, BATCH, best,
                ocspRequests, (WARM_UP_BATCHES + MEASURED_BATCHES) * BATCH);
    }

    /** BATCH fetched orders and their proofs, card signatures made now (not timed). */
    private static List<String[]> prepare(Service service, List<Card> cards, String alg) throws Exception {
        List<String[]> submissions = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            OrderRecord order = service.order();
            Card card = cards.get(i % cards.size());
            submissions.add(new String[] {order.autoStartToken(), card.sign("legitimera-proof+jwt", alg,
                    ProofVerificationTest.claims(order, Service.URL, service).build())});
        }
        return submissions;
    }
}
