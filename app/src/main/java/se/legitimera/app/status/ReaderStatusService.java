package se.legitimera.app.status;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.pcsc.PcscSnapshot;
import se.legitimera.smartcard.pcsc.ReaderScanner;

/**
 * Looks at the PC/SC service at a fixed interval on its own thread and reports every change.
 *
 * <p>The listener runs on the scanning thread; UI listeners hop to their own thread.
 */
public final class ReaderStatusService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderStatusService.class);

    private final ReaderScanner scanner;
    private final Duration interval;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("pcsc-status").daemon().factory());
    private PcscSnapshot last;

    public ReaderStatusService(ReaderScanner scanner, Duration interval) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Starts scanning; the first snapshot is reported at once. */
    public void start(Consumer<PcscSnapshot> listener) {
        executor.scheduleWithFixedDelay(() -> scanOnce(listener), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scanOnce(Consumer<PcscSnapshot> listener) {
        try {
            PcscSnapshot snapshot = scanner.scan();
            if (!snapshot.equals(last)) {
                LOG.info("PC/SC service {}, readers {}", snapshot.serviceAvailable() ? "available" : "unavailable ("
                        + snapshot.problem() + ")", snapshot.readers());
                last = snapshot;
                listener.accept(snapshot);
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is silently cancelled; log and keep scanning instead.
            LOG.error("PC/SC status scan failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
