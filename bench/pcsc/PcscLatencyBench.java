import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.vpcd.VpcdCardConnection;
import se.legitimera.smartcard.api.CardEvent;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.pcsc.TerminalSource;

/**
 * How long the card monitor takes to report the virtual SITHS 940 (with its tries read) after the card
 * connects to vpcd, and to report its removal after it disconnects: the production path jnasmartcardio ->
 * libpcsclite -> pcscd -> vpcd. Uses vpcd's second reader. Target (issue 3): both within 1 s.
 */
public final class PcscLatencyBench {

    private static final int READER = 1;
    private static final Duration WAIT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path state = Files.createTempDirectory("pcsc-bench");
        String reader = PcscdFixture.readerName(READER);
        LinkedBlockingQueue<Timed> events = new LinkedBlockingQueue<>();
        List<Long> inserted = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        try (PcscdFixture pcscd = PcscdFixture.acquire();
             CardMonitor monitor = CardMonitor.builder().withTerminalSource(TerminalSource.pcsc()).build()) {
            VirtualSithsCard card = VirtualSithsCard.builder()
                    .withPki(TestPki.openOrCreate(state.resolve("pki"), Clock.systemUTC()))
                    .withStateFolder(state.resolve("card")).openOrCreate();
            monitor.start(event -> events.add(new Timed(event, System.nanoTime())));
            monitor.awaitFirstScan(WAIT);
            for (int round = 0; round < rounds; round++) {
                PcscdFixture.awaitReaderEmpty(READER);
                events.clear();
                long connecting = System.nanoTime();
                VpcdCardConnection connection = VpcdCardConnection.connect(card,
                        new InetSocketAddress("127.0.0.1", PcscdFixture.VPCD_PORTS[READER]));
                Timed in = await(events, e -> e instanceof CardEvent.CardInserted i && i.reader().equals(reader));
                inserted.add(in.nanos() - connecting);
                long disconnecting = System.nanoTime();
                connection.close();
                Timed out = await(events, e -> e instanceof CardEvent.CardRemoved r && r.reader().equals(reader));
                removed.add(out.nanos() - disconnecting);
            }
        }
        System.out.printf("rounds: %d, reader: %s%n", rounds, reader);
        report("card connects -> CardInserted (SITHS 940, tries read)", inserted);
        report("card disconnects -> CardRemoved", removed);
    }

    private record Timed(CardEvent event, long nanos) {
    }

    private static Timed await(LinkedBlockingQueue<Timed> events, Predicate<CardEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Timed next = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new IllegalStateException("the awaited card event did not come within " + WAIT);
            }
            if (wanted.test(next.event())) {
                return next;
            }
        }
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("%-55s median %4d ms, p90 %4d ms, max %4d ms%n", what,
                sorted.get(sorted.size() / 2) / 1_000_000, sorted.get((int) (sorted.size() * 0.9)) / 1_000_000,
                sorted.getLast() / 1_000_000);
    }
}
