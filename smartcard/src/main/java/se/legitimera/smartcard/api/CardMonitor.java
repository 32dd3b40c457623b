package se.legitimera.smartcard.api;

import java.time.Duration;
import java.util.function.Consumer;
import se.legitimera.smartcard.pcsc.CardMonitorBuilder;

/**
 * Watches the PC/SC service, its readers and their cards, and runs PIN and key operations on them.
 *
 * <p>One monitor thread watches the service (with back-off while it is down); each reader has its own
 * single thread for all card I/O. A card is reported inserted once it has been read: ATR, profile and
 * the PIN tries left (empty VERIFY, which costs no try). Thread-safe.
 *
 * <pre>{@code
 * try (CardMonitor monitor = CardMonitor.builder().build()) {
 *     monitor.start(event -> ui.post(() -> show(event)));
 *     ...
 *     PinResult result = monitor.pins(reader).change(PinKind.IDENTIFICATION, current, newPin);
 * }
 * }</pre>
 */
public interface CardMonitor extends AutoCloseable {

    /** A builder for a monitor of the system's PC/SC service, or of any javax.smartcardio source. */
    static CardMonitorBuilder builder() {
        return new CardMonitorBuilder();
    }

    /**
     * Starts watching. Events come in order on one event thread; the listener must not block it (hop to
     * the UI thread) and must not call {@link PinOperations} or {@link CardKeys} from it. A listener that
     * throws is logged and keeps receiving events.
     *
     * @throws IllegalStateException when started twice or after {@link #close()}
     */
    void start(Consumer<CardEvent> listener);

    /** The state as of the events delivered so far. Before the first scan: service unavailable, no readers. */
    MonitorSnapshot snapshot();

    /**
     * Waits until the first look at the service is done and every card then present has been read
     * (or has failed to be read), for one-off status output.
     *
     * @return the snapshot at that moment; what is known so far if the timeout passed first
     * @throws InterruptedException when interrupted while waiting
     */
    MonitorSnapshot awaitFirstScan(Duration timeout) throws InterruptedException;

    /**
     * PIN operations on the card in this reader. Each call connects, takes the card exclusively for that
     * one operation, runs it on the reader's thread, and reports changed counters as
     * {@link CardEvent.PinTriesChanged}. After a successful verify, change or unblock the card is reset,
     * so that no program keeps the authenticated state.
     *
     * <p>A reader or card that is gone when a method is called gives {@link NoReaderException} or
     * {@link NoCardException}; a card whose profile is unknown gives {@link PinStatus#NOT_SUPPORTED}
     * without any APDU.
     */
    PinOperations pins(String reader);

    /**
     * Certificates and signing on the card in this reader, by APDU without PKCS#11 middleware, over the
     * same per-reader exclusive sessions as {@link #pins(String)}. Certificates are read on first use and
     * kept until the card is removed. Signing verifies the PIN, signs and resets the card in one session,
     * so the card never stays authenticated; a wrong PIN is reported as {@link CardEvent.PinTriesChanged}.
     *
     * <p>A reader or card that is gone when a method is called gives {@link NoReaderException} or
     * {@link NoCardException}; a card whose profile is unknown gives {@link UnsupportedCardException} for
     * certificates and {@link PinStatus#NOT_SUPPORTED} for signing, without any APDU.
     */
    CardKeys keys(String reader);

    /** Stops watching and all reader threads. Idempotent. */
    @Override
    void close();
}
