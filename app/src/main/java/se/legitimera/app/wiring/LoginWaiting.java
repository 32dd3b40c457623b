package se.legitimera.app.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.app.ui.login.LoginWaitingState;
import se.legitimera.app.ui.login.LoginWaitingState.Phase;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobException;
import se.legitimera.oob.OrderNotFoundException;
import se.legitimera.oob.PollAnswer;
import se.legitimera.oob.PollSession;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.ProtocolViolationException;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.ServiceUnavailableException;
import se.legitimera.smartcard.api.SmartcardException;

/**
 * Waiting for logins addressed to the card holder (protocol section 5, setting {@code wait-for-logins}): a
 * poll session signed with the card's identification key, then long polls; every order that arrives goes to
 * {@code orders} as a link would, so the login dialog shows it exactly as for a {@code legitimera://} link.
 *
 * <p>The card is never sent a VERIFY the user did not ask for: a session opens by itself (card inserted,
 * waiting turned on, a PIN kept after a login) only with a PIN the {@link IdentificationPinCache} keeps;
 * otherwise the state says {@link Phase#NEEDS_PIN} and the user starts it with {@link #start(char[])}. A PIN
 * the card refuses is reported with the tries left and never tried again. The session ends, its token
 * forgotten, when the card leaves, the user stops waiting or opts out, or the app quits; a session the
 * service no longer knows (404, 401) needs the PIN again, and the state says so.
 *
 * <p>Threads: each session runs on a thread of its own ({@code login-poll-N}); the methods here return at
 * once and may be called on any thread. {@code orders} and {@code listener} are called on the poll thread
 * (or the caller's) under this object's lock: they must only hand work on, never block or call back.
 */
public final class LoginWaiting implements AutoCloseable {

    /** How long one long poll asks the service to wait (the protocol's most). */
    public static final Duration POLL_WAIT = Duration.ofSeconds(30);

    /**
     * The pause after the service answered with an order already handed on: it names each order until the
     * login dialog has fetched it, which takes a moment on the UI worker.
     */
    static final Duration REPEAT_PAUSE = Duration.ofSeconds(1);

    /**
     * The least time from one poll to the next when the service had no order: a service that cannot hold a
     * poll open (the Keycloak extension answers at once) would otherwise be asked again at once, without end.
     * Such a service says with {@code Retry-After} how often it wants to be asked, up to {@link #POLL_WAIT}.
     */
    static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(LoginWaiting.class);

    /** Waits between tries; stopping the session must be able to cut it short. */
    @FunctionalInterface
    interface Pause {
        /** Waits up to {@code duration}, less when {@code owner}'s session ends meanwhile. */
        void pause(LoginWaiting owner, Duration duration) throws InterruptedException;
    }

    private final OobClient client;
    private final Optional<ServiceOrigin> service;
    private final HolderCard card;
    private final IdentificationPinCache pins;
    private final Consumer<AutoStartLink> orders;
    private final Consumer<LoginWaitingState> listener;
    private final ExecutorService threads;
    private final Supplier<PollBackoff> backoffs;
    private final Pause pause;
    private final Clock clock;

    // Guarded by this.
    private boolean enabled;
    private boolean stoppedByUser;
    private boolean closed;
    private int generation;
    private LoginWaitingState state = LoginWaitingState.OFF;

    /**
     * @param service  the service to wait at (the selected one); empty: waiting stays off
     * @param orders   hears each order's link (hop to the JavaFX thread and open the login dialog)
     * @param listener hears every change of state (the tray, the main window)
     */
    public LoginWaiting(OobClient client, Optional<ServiceOrigin> service, HolderCard card,
                        IdentificationPinCache pins, Consumer<AutoStartLink> orders,
                        Consumer<LoginWaitingState> listener, Clock clock) {
        this(client, service, card, pins, orders, listener, clock,
                Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("login-poll-", 1).daemon()
                        .uncaughtExceptionHandler((t, e) -> LOG.error("Waiting for logins failed", e)).factory()),
                PollBackoff::standard, LoginWaiting::waitOnLock);
    }

    LoginWaiting(OobClient client, Optional<ServiceOrigin> service, HolderCard card, IdentificationPinCache pins,
                 Consumer<AutoStartLink> orders, Consumer<LoginWaitingState> listener, Clock clock,
                 ExecutorService threads, Supplier<PollBackoff> backoffs, Pause pause) {
        this.client = Objects.requireNonNull(client, "client");
        this.service = Objects.requireNonNull(service, "service");
        this.card = Objects.requireNonNull(card, "card");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.backoffs = Objects.requireNonNull(backoffs, "backoffs");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** What the tray and the main window show now. */
    public synchronized LoginWaitingState state() {
        return state;
    }

    /**
     * The setting {@code wait-for-logins} is (now) {@code on}: turning it on looks for the card and a kept
     * PIN; turning it off ends the session.
     */
    public void enabled(boolean on) {
        int current;
        synchronized (this) {
            if (closed || on == enabled) {
                return;
            }
            enabled = on;
            stoppedByUser = false;
            current = ++generation;
            if (!on || service.isEmpty()) {
                if (on) {
                    LOG.warn("wait-for-logins is on, but no authentication service is selected: not waiting");
                } else {
                    LOG.info("Waiting for logins turned off");
                }
                set(LoginWaitingState.OFF);
                return;
            }
            LOG.info("Waiting for logins turned on for {}", service.get());
            set(Phase.NO_CARD, null);
        }
        threads.execute(() -> openWithKeptPin(current));
    }

    /** A card became active: with a kept PIN the session opens; otherwise the user is offered to start it. */
    public void cardArrived() {
        int current;
        synchronized (this) {
            if (!waitable() || state.active()) {
                return;
            }
            stoppedByUser = false;
            current = ++generation;
        }
        threads.execute(() -> openWithKeptPin(current));
    }

    /** The PIN cache now keeps the card's PIN (a login was approved): a session that needs it opens. */
    public void pinKept() {
        int current;
        synchronized (this) {
            if (!waitable() || stoppedByUser || state.phase() != Phase.NEEDS_PIN) {
                return;
            }
            current = ++generation;
        }
        threads.execute(() -> openWithKeptPin(current));
    }

    /** The active card left its reader: the session ends and its token is forgotten. */
    public void cardRemoved() {
        synchronized (this) {
            if (!waitable()) {
                return;
            }
            end("the card left its reader");
            set(Phase.NO_CARD, null);
        }
    }

    /**
     * The user typed the PIN to start waiting ("Vänta på inloggningar"). Takes ownership of {@code pin} and
     * wipes it; ignored (and wiped) when waiting is off or a session is open already.
     */
    public void start(char[] pin) {
        Objects.requireNonNull(pin, "pin");
        int current;
        synchronized (this) {
            if (!waitable() || state.active()) {
                Arrays.fill(pin, '\0');
                return;
            }
            stoppedByUser = false;
            current = ++generation;
            set(Phase.OPENING, null);
        }
        PinLease typed = PinLease.typed(pin);
        try {
            threads.execute(() -> openWith(current, typedForCache(typed)));
        } catch (RuntimeException e) {
            typed.close();
            throw e;
        }
    }

    /** The user stopped waiting (the setting stays on): the session ends until they start it again. */
    public void stop() {
        synchronized (this) {
            if (!waitable() || !state.active()) {
                return;
            }
            stoppedByUser = true;
            end("the user stopped waiting");
            set(Phase.NEEDS_PIN, null);
        }
    }

    /** The app quits: the session ends and its threads stop. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            end("the app quits");
            closed = true;
            notifyAll();
        }
        threads.shutdownNow();
    }

    private boolean waitable() {
        return enabled && !closed && service.isPresent();
    }

    private void end(String why) {
        if (state.active()) {
            LOG.info("Waiting for logins at {} ended: {}", service.map(Object::toString).orElse("-"), why);
        }
        generation++;
        notifyAll();
    }

    private synchronized boolean current(int which) {
        return which == generation && waitable();
    }

    private void set(Phase phase, Outcome problem) {
        set(new LoginWaitingState(phase, service.map(Object::toString).orElse(""), Optional.ofNullable(problem)));
    }

    private void set(LoginWaitingState next) {
        if (!next.equals(state)) {
            state = next;
            listener.accept(next);
        }
    }

    /** Sets the state only while {@code which} is still the current session. */
    private synchronized boolean setIfCurrent(int which, Phase phase, Outcome problem) {
        if (!current(which)) {
            return false;
        }
        set(phase, problem);
        return true;
    }

    /** The user's PIN, to be kept by the cache once the card accepts it (when keeping is on). */
    private PinLease typedForCache(PinLease typed) {
        return new PinLease() {
            private IdentificationPinCache.PinUse use;

            @Override
            public char[] pin() {
                return typed.pin();
            }

            @Override
            public boolean saved() {
                return false;
            }

            @Override
            public void accepted() {
                try {
                    card.identity().ifPresent(identity -> {
                        try (IdentificationPinCache.PinUse kept = pins.typed(identity, typed.pin())) {
                            kept.accepted();
                        }
                    });
                } catch (LoginUnavailableException e) {
                    LOG.debug("The card could not be read again to keep its PIN: {}", e.getMessage());
                }
            }

            @Override
            public void refused() {
                // a PIN just typed was never kept
            }

            @Override
            public void close() {
                typed.close();
            }
        };
    }

    // ---- on the poll thread ----

    private void openWithKeptPin(int which) {
        Optional<CardIdentity> identity;
        try {
            identity = card.identity();
        } catch (LoginUnavailableException e) {
            setIfCurrent(which, Phase.NEEDS_PIN, e.reason());
            return;
        }
        if (identity.isEmpty()) {
            setIfCurrent(which, Phase.NO_CARD, null);
            return;
        }
        Optional<IdentificationPinCache.PinUse> kept = pins.saved(identity.get());
        if (kept.isEmpty()) {
            setIfCurrent(which, Phase.NEEDS_PIN, null);
            return;
        }
        LOG.info("Opening the poll session with the kept identification PIN");
        openWith(which, kept.get());
    }

    private void openWith(int which, PinLease pin) {
        PollSession session;
        try (pin) {
            if (!setIfCurrent(which, Phase.OPENING, null)) {
                return;
            }
            session = open(which, pin);
        } catch (RuntimeException e) {
            LOG.error("Opening the poll session failed", e);
            setIfCurrent(which, Phase.NEEDS_PIN, new Outcome.Failed(e.getClass().getSimpleName()));
            return;
        }
        if (session != null) {
            poll(which, session);
        }
    }

    /** Opens the session with the card signing; null when it did not open (the state says why). */
    private PollSession open(int which, PinLease pin) {
        Optional<HolderCard.Signer> signer;
        try {
            signer = card.signer(pin);
        } catch (LoginUnavailableException e) {
            setIfCurrent(which, Phase.NEEDS_PIN, e.reason());
            return null;
        }
        if (signer.isEmpty()) {
            setIfCurrent(which, Phase.NO_CARD, null);
            return null;
        }
        ServiceOrigin at = service.orElseThrow();
        try {
            PollSession session = client.openPollSession(at, signer.get());
            LOG.info("Waiting for logins at {} ({})", at, session);
            return session;
        } catch (ProofSigningException e) {
            LOG.warn("The poll session was not signed: {}", e.reason());
            setIfCurrent(which, Phase.NEEDS_PIN, signingOutcome(e, signer.get()));
        } catch (OrderNotFoundException e) {
            LOG.warn("{} does not offer waiting for logins (poll session: HTTP 404)", at);
            setIfCurrent(which, Phase.NEEDS_PIN, new Outcome.PollNotSupported(at.toString()));
        } catch (OobException e) {
            LOG.warn("The poll session was refused: {}", e.getClass().getSimpleName());
            setIfCurrent(which, Phase.NEEDS_PIN, OobLoginOrders.outcome(e, at.toString()));
        } finally {
            // Only the card's own word counts; a refused PIN is never tried again.
            signer.get().pinResult().ifPresent(result -> {
                if (result.ok()) {
                    pin.accepted();
                } else {
                    pin.refused();
                }
            });
        }
        return null;
    }

    /**
     * How long to wait before the next poll: none after an order; after none, what the service asked for
     * (within {@link #MIN_POLL_INTERVAL} and {@link #POLL_WAIT}) counted from when this poll began.
     */
    private Duration untilNextPoll(PollAnswer answer, Instant pollBegan) {
        if (answer.order().isPresent()) {
            return Duration.ZERO;
        }
        Duration wanted = answer.askAgainAfter().orElse(MIN_POLL_INTERVAL);
        Duration interval = wanted.compareTo(MIN_POLL_INTERVAL) < 0 ? MIN_POLL_INTERVAL
                : wanted.compareTo(POLL_WAIT) > 0 ? POLL_WAIT : wanted;
        return interval.minus(Duration.between(pollBegan, clock.instant()));
    }

    private void poll(int which, PollSession session) {
        PollBackoff backoff = backoffs.get();
        Set<String> handedOn = new HashSet<>();
        if (!setIfCurrent(which, Phase.WAITING, null)) {
            return;
        }
        while (current(which)) {
            if (!clock.instant().isBefore(session.expiresAt())) {
                LOG.info("The poll session expired: waiting again needs the PIN");
                setIfCurrent(which, Phase.NEEDS_PIN, new Outcome.PollSessionEnded(session.service().toString()));
                return;
            }
            try {
                Instant asked = clock.instant();
                PollAnswer answer = client.awaitOrder(session, POLL_WAIT);
                Optional<AutoStartLink> link = answer.order();
                backoff.reset();
                boolean again;
                synchronized (this) {
                    if (!current(which)) {
                        // The card left or the user stopped while this poll was out: the order is not shown.
                        return;
                    }
                    set(Phase.WAITING, null);
                    again = link.isPresent() && !handedOn.add(link.get().autoStartToken());
                    if (link.isPresent() && !again) {
                        LOG.info("A login addressed to the card holder arrived from {}", link.get().service());
                        // A second hand-over of the same order would cancel the one on screen.
                        orders.accept(link.get());
                    }
                }
                Duration rest = again ? REPEAT_PAUSE : untilNextPoll(answer, asked);
                if (rest.isPositive()) {
                    pause.pause(this, rest);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ServiceUnavailableException e) {
                Duration wait = backoff.nextPause();
                LOG.info("{} unreachable while waiting for logins; trying again in {} s", session.service(),
                        wait.toSeconds());
                if (!setIfCurrent(which, Phase.RECONNECTING, new Outcome.ServiceUnavailable())) {
                    return;
                }
                try {
                    pause.pause(this, wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (OrderNotFoundException | ProtocolViolationException e) {
                // 404: the service no longer knows the session; 401 and other refusals arrive as violations.
                LOG.info("{} ended the poll session ({}): waiting again needs the PIN", session.service(),
                        e.getClass().getSimpleName());
                setIfCurrent(which, Phase.NEEDS_PIN, new Outcome.PollSessionEnded(session.service().toString()));
                return;
            } catch (OobException e) {
                LOG.warn("Waiting for logins stopped: {}", e.getClass().getSimpleName());
                setIfCurrent(which, Phase.NEEDS_PIN, OobLoginOrders.outcome(e, session.service().toString()));
                return;
            }
        }
    }

    /** The default pause: waits on this object's lock, which {@link #end} wakes. */
    private static void waitOnLock(LoginWaiting owner, Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (owner) {
            int which = owner.generation;
            long left;
            while (owner.generation == which && !owner.closed && (left = deadline - System.nanoTime()) > 0) {
                owner.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Why signing failed: from the card's own answer when it gave one (as for login proofs). */
    private static Outcome signingOutcome(ProofSigningException failure, HolderCard.Signer signer) {
        if (failure.getCause() instanceof SmartcardException e) {
            return PinOutcomes.of(e);
        }
        return signer.pinResult().filter(r -> !r.ok()).map(PinOutcomes::of)
                .orElseGet(() -> failure.reason() == ProofSigningException.Reason.NO_CARD
                        ? new Outcome.NoCard() : new Outcome.Failed("not signed: " + failure.reason()));
    }

    /** For the log: never the PIN, never the token. */
    @Override
    public synchronized String toString() {
        return "LoginWaiting[" + state.phase() + " at " + service.map(Object::toString).orElse("-") + "]";
    }
}
