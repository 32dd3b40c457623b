package se.legitimera.smartcard.pcsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardCommunicationException;
import se.legitimera.smartcard.api.CardEvent;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.NoReaderException;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.profile.CardProfiles;

/**
 * The monitor: one watcher thread looks at the service, one event thread delivers events, and each
 * reader has a single thread for all its card I/O. All state lives under {@link #lock}; events are
 * queued under the lock, so they are delivered in the order the state changed.
 */
final class PcscCardMonitor implements CardMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(PcscCardMonitor.class);

    /** Shortest round of the watcher, for sources whose waitForChange returns at once. */
    private static final long MIN_ROUND_MILLIS = 20;

    private final TerminalSource source;
    private final CardReading reading;
    private final long pollMillis;
    private final long maxBackoffMillis;

    private final Object lock = new Object();
    private final Map<String, Reader> readers = new LinkedHashMap<>();
    private Boolean serviceAvailable;
    private String problem = "not started";
    private Consumer<CardEvent> listener;
    private boolean closed;

    private final ExecutorService events = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("pcsc-events").daemon().factory());
    private final CountDownLatch firstScan = new CountDownLatch(1);
    private volatile boolean running;
    private Thread watcher;

    PcscCardMonitor(TerminalSource source, CardProfiles profiles, Duration poll, Duration maxBackoff) {
        this.source = source;
        this.reading = new CardReading(profiles);
        this.pollMillis = poll.toMillis();
        this.maxBackoffMillis = maxBackoff.toMillis();
    }

    @Override
    public void start(Consumer<CardEvent> eventListener) {
        synchronized (lock) {
            if (listener != null || closed) {
                throw new IllegalStateException(closed ? "monitor closed" : "monitor already started");
            }
            listener = eventListener;
            running = true;
            watcher = Thread.ofPlatform().name("pcsc-monitor").daemon().start(this::watch);
        }
    }

    @Override
    public MonitorSnapshot snapshot() {
        synchronized (lock) {
            List<ReaderStatus> list = readers.values().stream()
                    .map(r -> new ReaderStatus(r.name, r.cardPresent, Optional.ofNullable(r.card))).toList();
            return new MonitorSnapshot(Boolean.TRUE.equals(serviceAvailable), problem, list);
        }
    }

    @Override
    public MonitorSnapshot awaitFirstScan(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (firstScan.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            List<Future<?>> reads;
            synchronized (lock) {
                reads = readers.values().stream().<Future<?>>map(r -> r.read).filter(f -> f != null).toList();
            }
            for (Future<?> read : reads) {
                try {
                    read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException e) {
                    // a failed read is logged where it ran; the snapshot shows the card as unread
                } catch (TimeoutException e) {
                    break;
                }
            }
        }
        return snapshot();
    }

    @Override
    public PinOperations pins(String reader) {
        return new ReaderPins(this, reader, reading);
    }

    @Override
    public CardKeys keys(String reader) {
        return new ReaderKeys(this, reader, reading);
    }

    @Override
    public void close() {
        Thread toJoin;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            toJoin = watcher;
            readers.values().forEach(r -> {
                r.io.execute(r.line::close);
                r.io.shutdown();
            });
        }
        if (toJoin != null) {
            toJoin.interrupt();
            try {
                // A native waitForChange is not interruptible; it returns within one poll interval.
                toJoin.join(pollMillis * 4 + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        events.shutdown();
    }

    private void watch() {
        long backoff = pollMillis;
        CardTerminals terminals = null;
        while (running) {
            long roundStart = System.nanoTime();
            try {
                if (terminals == null) {
                    terminals = source.open();
                }
                List<String> listed = new ArrayList<>();
                List<String> withCard = new ArrayList<>();
                for (CardTerminal terminal : terminals.list()) {
                    listed.add(terminal.getName());
                    if (cardPresent(terminal)) {
                        withCard.add(terminal.getName());
                    }
                }
                update(listed, withCard);
                backoff = pollMillis;
            } catch (CardException | RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.debug("PC/SC service failed", e);
                closeQuietly(terminals);
                terminals = null;
                serviceDown(PcscFailure.rootMessage(e));
                firstScan.countDown();
                if (!pause(backoff)) {
                    break;
                }
                backoff = Math.min(backoff * 2, maxBackoffMillis);
                continue;
            }
            firstScan.countDown();
            waitForChange(terminals);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - roundStart);
            if (elapsed < MIN_ROUND_MILLIS && !pause(MIN_ROUND_MILLIS - elapsed)) {
                break;
            }
        }
        closeQuietly(terminals);
    }

    private static boolean cardPresent(CardTerminal terminal) throws CardException {
        try {
            return terminal.isCardPresent();
        } catch (CardException e) {
            if (PcscFailure.of(e) == PcscFailure.SERVICE) {
                throw e;
            }
            // The reader went away between list and status: the next round will not list it.
            return false;
        }
    }

    private void waitForChange(CardTerminals terminals) {
        try {
            // Wakes early on a change where the source supports it; list() next round tells what changed.
            terminals.waitForChange(pollMillis);
        } catch (CardException | RuntimeException e) {
            // No readers, or the service is going: the next list() decides; never loop without a pause.
            LOG.trace("waitForChange failed", e);
            pause(pollMillis);
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void update(List<String> listed, List<String> withCard) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!Boolean.TRUE.equals(serviceAvailable)) {
                serviceAvailable = true;
                problem = "";
                LOG.info("PC/SC service available");
                emit(new CardEvent.ServiceAvailable());
            }
            for (Reader reader : List.copyOf(readers.values())) {
                if (!listed.contains(reader.name)) {
                    removeReader(reader);
                }
            }
            listed.forEach(name -> {
                Reader reader = readers.get(name);
                if (reader == null) {
                    reader = new Reader(name, source);
                    readers.put(name, reader);
                    LOG.info("Reader added: {}", name);
                    emit(new CardEvent.ReaderAdded(name));
                }
                boolean present = withCard.contains(name);
                if (present && !reader.cardPresent) {
                    reader.cardPresent = true;
                    reader.generation++;
                    readCard(reader, reader.generation);
                } else if (!present && reader.cardPresent) {
                    cardGone(reader);
                }
            });
        }
    }

    private void readCard(Reader reader, long generation) {
        reader.read = reader.io.submit(() -> {
            Optional<CardStatus> card = reading.read(reader.line);
            synchronized (lock) {
                if (card.isPresent() && isCurrent(reader, generation)) {
                    reader.card = card.get();
                    LOG.info("Card inserted in {}: {}", reader.name, card.get().profile().id());
                    emit(new CardEvent.CardInserted(card.get()));
                }
            }
        });
    }

    /** After a PIN operation on the reader's thread: new counters, if the same card is still there. */
    void pinTriesChanged(String readerName, CardStatus card) {
        synchronized (lock) {
            Reader reader = readers.get(readerName);
            if (reader != null && reader.card != null && reader.cardPresent && !closed) {
                reader.card = card;
                emit(new CardEvent.PinTriesChanged(card));
            }
        }
    }

    /** The reader's line and I/O thread, for a card operation that needs a card. */
    ReaderAccess access(String readerName) throws NoReaderException, NoCardException {
        synchronized (lock) {
            Reader reader = readers.get(readerName);
            if (reader == null) {
                throw new NoReaderException("no reader named '" + readerName + "'");
            }
            if (!reader.cardPresent) {
                throw new NoCardException("no card in reader '" + readerName + "'");
            }
            return new ReaderAccess(reader.name, reader.line, reader.io, reader.generation,
                    Optional.ofNullable(reader.certificates));
        }
    }

    /** Keeps the certificates read from a card for as long as that card stays in (same generation). */
    void certificatesRead(String readerName, long generation, List<CardCertificate> certificates) {
        synchronized (lock) {
            Reader reader = readers.get(readerName);
            if (reader != null && isCurrent(reader, generation)) {
                reader.certificates = List.copyOf(certificates);
            }
        }
    }

    /** One card operation on a reader's thread, given that thread's line. */
    @FunctionalInterface
    interface LineTask<T> {
        T run(ReaderLine line) throws SmartcardException;
    }

    /**
     * A reader as a card operation needs it: use {@code line} only in tasks on {@code io}.
     *
     * @param generation   the card insertion this access belongs to
     * @param certificates the certificates of that card, when they were read already
     */
    record ReaderAccess(String name, ReaderLine line, ExecutorService io, long generation,
            Optional<List<CardCertificate>> certificates) {

        /** Runs the task on the reader's thread and waits for it; its failure is thrown here. */
        <T> T run(LineTask<T> task) throws SmartcardException {
            Future<T> future;
            try {
                future = io.submit(() -> task.run(line));
            } catch (RejectedExecutionException e) {
                throw new NoReaderException("reader '" + name + "' went away", e);
            }
            try {
                return future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SmartcardException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new CardCommunicationException("card operation failed", e.getCause());
            } catch (InterruptedException e) {
                // The card operation itself runs on to its end on the reader's thread.
                Thread.currentThread().interrupt();
                throw new CardCommunicationException("interrupted while waiting for the card", e);
            }
        }
    }

    private boolean isCurrent(Reader reader, long generation) {
        return !closed && readers.get(reader.name) == reader && reader.generation == generation && reader.cardPresent;
    }

    private void cardGone(Reader reader) {
        reader.cardPresent = false;
        reader.generation++;
        reader.read = null;
        reader.certificates = null;
        if (reader.card != null) {
            reader.card = null;
            LOG.info("Card removed from {}", reader.name);
            emit(new CardEvent.CardRemoved(reader.name));
        }
    }

    private void removeReader(Reader reader) {
        cardGone(reader);
        readers.remove(reader.name);
        reader.io.execute(reader.line::close);
        reader.io.shutdown();
        LOG.info("Reader removed: {}", reader.name);
        emit(new CardEvent.ReaderRemoved(reader.name));
    }

    private void serviceDown(String reason) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            List.copyOf(readers.values()).forEach(this::removeReader);
            problem = reason;
            if (!Boolean.FALSE.equals(serviceAvailable)) {
                serviceAvailable = false;
                LOG.warn("PC/SC service unavailable: {}", reason);
                emit(new CardEvent.ServiceUnavailable(reason));
            }
        }
    }

    /** Queues an event; called under the lock so the queue follows the state. */
    private void emit(CardEvent event) {
        Consumer<CardEvent> target = listener;
        events.execute(() -> {
            try {
                target.accept(event);
            } catch (RuntimeException e) {
                LOG.error("Card event listener failed on {}", event, e);
            }
        });
    }

    private static void closeQuietly(CardTerminals terminals) {
        if (terminals instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the PC/SC context failed", e);
            }
        }
    }

    /** A reader's state; fields guarded by the monitor's lock. */
    private static final class Reader {
        final String name;
        final ExecutorService io;
        final ReaderLine line;
        long generation;
        boolean cardPresent;
        CardStatus card;
        Future<?> read;
        List<CardCertificate> certificates;

        Reader(String name, TerminalSource source) {
            this.name = name;
            this.line = new ReaderLine(name, source);
            this.io = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("pcsc-reader-" + name).daemon()
                    .factory());
        }
    }
}
