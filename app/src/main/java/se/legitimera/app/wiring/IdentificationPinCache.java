package se.legitimera.app.wiring;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.api.CardEvent;

/**
 * Keeps the identification PIN ("legitimeringskod") for a while after the card accepted it
 * ({@code pin-cache.minutes}; 0, the default, keeps nothing), so that the next login needs only the user's
 * "Legitimera". Never the signature PIN, never the PUK: {@link CardIdentity#of} refuses a signature
 * certificate, and the PIN dialogs never hand their codes here.
 *
 * <p>At most one PIN, bound to one {@link CardIdentity}, counted from when it was typed. It is masked in
 * memory (XOR with a random pad held in another array), so a heap dump holds no digits in a row. It is
 * wiped when it expires (a timer wipes it then; reads check the clock as well), when its card leaves the
 * reader (feed the monitor's events to {@link #accept}), when the card refuses it ({@link PinUse#refused}),
 * when keeping is turned off ({@link #keepFor}), on {@link #forget} (the user asked, or the PIN was changed
 * or unblocked) and on {@link #close} (the app quits).
 *
 * <p>Use it in front of any PIN prompt with {@link #pinFor}: the returned {@link PinUse} holds the saved
 * copy or the PIN just asked for; the caller reports what the card said and closes it:
 * <pre>{@code
 * try (IdentificationPinCache.PinUse use = cache.pinFor(card, () -> prompt.askForPin(request))) {
 *     if (cardAccepts(use.pin())) {
 *         use.accepted();      // a PIN just typed is kept now (when keeping is on)
 *     } else {
 *         use.refused();       // a saved PIN is forgotten: the next try asks the person again
 *     }
 * }
 * }</pre>
 * The gateway's {@code PinPrompt} fits as {@code ask}; its {@code PinRefusedException} is the refusal, and
 * a refused saved PIN must be followed by a prompt with {@code previousAttemptRefused} set. Thread-safe.
 */
public final class IdentificationPinCache implements Consumer<CardEvent>, AutoCloseable {

    /** Asks a person for the PIN; the caller owns and wipes the returned array. */
    @FunctionalInterface
    public interface PinSource<E extends Exception> {
        char[] pin() throws E;
    }

    private static final Logger LOG = LoggerFactory.getLogger(IdentificationPinCache.class);

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final SecureRandom random = new SecureRandom();
    private Duration keepFor;
    private Saved saved;
    private volatile Consumer<CardIdentity> whenKept = card -> { };

    IdentificationPinCache(Duration keepFor, Clock clock, ScheduledExecutorService timer) {
        this.keepFor = checked(keepFor);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /**
     * A cache that keeps an accepted PIN for {@code keepFor} ({@link Duration#ZERO}: never), with its own
     * daemon thread for the wipe at expiry; {@link #close} stops it.
     */
    public static IdentificationPinCache start(Duration keepFor, Clock clock) {
        return new IdentificationPinCache(keepFor, clock, Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pin-cache").daemon().factory()));
    }

    /** Changes how long a PIN is kept, counted from when it was typed; {@link Duration#ZERO} wipes it now. */
    public synchronized void keepFor(Duration duration) {
        keepFor = checked(duration);
        if (saved != null) {
            saved.expiry.cancel(false);
            if (keepFor.isZero()) {
                wipe("keeping was turned off");
            } else {
                saved.expiry = schedule(saved.typedAt.plus(keepFor));
                expireIfDue();
            }
        }
    }

    /**
     * Hears each PIN the cache starts keeping (the card just accepted it), with the card it belongs to; called
     * on the thread that reported the card's answer, after the cache's lock is released. Must not block.
     */
    public void whenKept(Consumer<CardIdentity> listener) {
        whenKept = Objects.requireNonNull(listener, "listener");
    }

    /** Whether PINs are kept at all. */
    public synchronized boolean keeping() {
        return !keepFor.isZero();
    }

    /** Until when the PIN of {@code card} is kept; empty when none is. */
    public synchronized Optional<Instant> savedUntil(CardIdentity card) {
        expireIfDue();
        return saved != null && saved.card.equals(card) ? Optional.of(saved.typedAt.plus(keepFor)) : Optional.empty();
    }

    /** The kept PIN of {@code card}, to try on the card; empty when none is kept for it. */
    public synchronized Optional<PinUse> saved(CardIdentity card) {
        expireIfDue();
        if (saved == null || !saved.card.equals(card)) {
            return Optional.empty();
        }
        return Optional.of(new PinUse(card, saved.unmasked(), true, saved));
    }

    /** A PIN the user just typed for {@code card}; a copy is taken now, the caller wipes {@code pin}. */
    public PinUse typed(CardIdentity card, char[] pin) {
        return new PinUse(Objects.requireNonNull(card, "card"), pin.clone(), false, null);
    }

    /**
     * The kept PIN of {@code card} when there is one, else the one {@code ask} gives (not kept until
     * {@link PinUse#accepted}). Blocks while {@code ask} does.
     *
     * @throws E what {@code ask} throws (the user cancelled)
     */
    public <E extends Exception> PinUse pinFor(CardIdentity card, PinSource<E> ask) throws E {
        Optional<PinUse> kept = saved(card);
        if (kept.isPresent()) {
            return kept.get();
        }
        char[] asked = ask.pin();
        try {
            return typed(card, asked);
        } finally {
            Arrays.fill(asked, '\0');
        }
    }

    /** Wipes the kept PIN, if any. */
    public synchronized void forget() {
        wipe("forgotten");
    }

    /** Hears the card monitor: a card leaving its reader takes its kept PIN along. */
    @Override
    public synchronized void accept(CardEvent event) {
        if (event instanceof CardEvent.CardRemoved(String reader) && saved != null && saved.card.reader().equals(reader)) {
            wipe("the card left its reader");
        }
    }

    /** Wipes the kept PIN and stops the timer; the app quits. */
    @Override
    public synchronized void close() {
        wipe("the app quits");
        timer.shutdownNow();
    }

    /** Whether a PIN is held at all, expired or not: for tests of the timed wipe. */
    synchronized boolean holdsPin() {
        return saved != null;
    }

    private synchronized boolean keep(CardIdentity card, char[] pin) {
        if (keepFor.isZero()) {
            return false;
        }
        wipe("replaced");
        Instant typedAt = clock.instant();
        char[] pad = new char[pin.length];
        char[] masked = new char[pin.length];
        for (int i = 0; i < pin.length; i++) {
            pad[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
            masked[i] = (char) (pin[i] ^ pad[i]);
        }
        saved = new Saved(card, masked, pad, typedAt);
        saved.expiry = schedule(typedAt.plus(keepFor));
        LOG.info("Identification PIN kept for {} minutes", keepFor.toMinutes());
        return true;
    }

    private synchronized void refused(Saved which) {
        if (saved == which) {
            wipe("the card refused it");
        }
    }

    private ScheduledFuture<?> schedule(Instant at) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        return timer.schedule(this::expireOnTime, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void expireOnTime() {
        expireIfDue();
        // The clock was set back since the timer was set: look again when it now says.
        if (saved != null) {
            saved.expiry = schedule(saved.typedAt.plus(keepFor));
        }
    }

    private void expireIfDue() {
        if (saved != null && !clock.instant().isBefore(saved.typedAt.plus(keepFor))) {
            wipe("it expired");
        }
    }

    private void wipe(String why) {
        if (saved != null) {
            Arrays.fill(saved.masked, '\0');
            Arrays.fill(saved.pad, '\0');
            saved.expiry.cancel(false);
            saved = null;
            LOG.info("Kept identification PIN wiped: {}", why);
        }
    }

    private static Duration checked(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        return duration;
    }

    /** The kept PIN, masked; only touched under the cache's lock. */
    private static final class Saved {
        final CardIdentity card;
        final char[] masked;
        final char[] pad;
        final Instant typedAt;
        ScheduledFuture<?> expiry;

        Saved(CardIdentity card, char[] masked, char[] pad, Instant typedAt) {
            this.card = card;
            this.masked = masked;
            this.pad = pad;
            this.typedAt = typedAt;
        }

        char[] unmasked() {
            char[] pin = new char[masked.length];
            for (int i = 0; i < pin.length; i++) {
                pin[i] = (char) (masked[i] ^ pad[i]);
            }
            return pin;
        }
    }

    /**
     * One PIN on its way to the card: the kept one or one just typed. Report what the card said, then
     * close it to wipe the PIN. Used by one thread.
     */
    public final class PinUse implements PinLease {
        private final CardIdentity card;
        private final char[] pin;
        private final boolean fromCache;
        private final Saved source;

        private PinUse(CardIdentity card, char[] pin, boolean fromCache, Saved source) {
            this.card = card;
            this.pin = pin;
            this.fromCache = fromCache;
            this.source = source;
        }

        /** The PIN; valid until {@link #close}, which wipes it. Hand the card a copy when it wipes its own. */
        @Override
        public char[] pin() {
            return pin;
        }

        /** True when the PIN is the kept one, so the user typed nothing this time. */
        @Override
        public boolean saved() {
            return fromCache;
        }

        /** The card accepted the PIN: a PIN just typed is kept from now on (when keeping is on). */
        @Override
        public void accepted() {
            if (!fromCache && keep(card, pin)) {
                whenKept.accept(card);
            }
        }

        /** The card refused the PIN: a kept PIN is forgotten, so no second try is made with it. */
        @Override
        public void refused() {
            if (fromCache) {
                IdentificationPinCache.this.refused(source);
            }
        }

        @Override
        public void close() {
            Arrays.fill(pin, '\0');
        }
    }
}
