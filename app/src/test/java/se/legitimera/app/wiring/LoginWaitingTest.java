package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.legitimera.app.MovableClock;
import se.legitimera.app.ui.common.Outcome;
import se.legitimera.app.ui.login.LoginUnavailableException;
import se.legitimera.app.ui.login.LoginWaitingState;
import se.legitimera.app.ui.login.LoginWaitingState.Phase;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.CancelReason;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobException;
import se.legitimera.oob.Order;
import se.legitimera.oob.OrderNotFoundException;
import se.legitimera.oob.PollAnswer;
import se.legitimera.oob.PollSession;
import se.legitimera.oob.ProofAlgorithm;
import se.legitimera.oob.ProofSigner;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.ServiceCheck;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.ServiceUnavailableException;
import se.legitimera.oob.TlsInterceptionDetectedException;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;

/**
 * The poll session's life with a scripted OOB client and card: what opens it, what each answer of the
 * service does, and that a PIN is never sent to the card unasked or twice after a refusal. Every task runs
 * on the calling thread, so each test is one exact sequence.
 */
class LoginWaitingTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final ServiceOrigin SERVICE = ServiceOrigin.parse("https://login.example.se");
    private static final CardIdentity CARD = new CardIdentity("Reader A", "CN=Issuer#1f");
    private static final AutoStartLink FIRST = new AutoStartLink(SERVICE, "first-order-token-0123456789");
    private static final AutoStartLink SECOND = new AutoStartLink(SERVICE, "second-order-token-0123456789");

    private final MovableClock clock = new MovableClock(NOW);
    private final IdentificationPinCache pins = new IdentificationPinCache(Duration.ZERO, clock,
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory()));
    private final ScriptedClient client = new ScriptedClient();
    private final ScriptedCard card = new ScriptedCard();
    private final List<AutoStartLink> shown = new ArrayList<>();
    private final List<LoginWaitingState> states = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final LoginWaiting waiting = new LoginWaiting(client, Optional.of(SERVICE), card, pins, shown::add,
            states::add, clock, new CallerRuns(), () -> new PollBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4)),
            (owner, duration) -> pauses.add(duration));

    @AfterEach
    void close() {
        waiting.close();
        pins.close();
    }

    private LoginWaitingState state() {
        return waiting.state();
    }

    @Test
    void turnedOnWithoutAKeptPin_asksTheUserToStart_andSendsTheCardNothing() {
        waiting.enabled(true);

        assertThat(state().phase()).isEqualTo(Phase.NEEDS_PIN);
        assertThat(state().problem()).isEmpty();
        assertThat(client.opened).isZero();
        assertThat(card.pinsAsked).isZero();
    }

    @Test
    void withoutACard_waitsForOne() {
        card.present = false;

        waiting.enabled(true);

        assertThat(state().phase()).isEqualTo(Phase.NO_CARD);
        assertThat(client.opened).isZero();
    }

    @Test
    void theTypedPin_opensTheSession_andAnOrderGoesToTheLoginDialog() {
        waiting.enabled(true);
        client.polls.add(() -> Optional.of(FIRST));
        client.polls.add(() -> {
            waiting.cardRemoved();
            return Optional.empty();
        });

        waiting.start("123456".toCharArray());

        assertThat(client.opened).isEqualTo(1);
        assertThat(card.pinsAsked).isEqualTo(1);
        assertThat(shown).containsExactly(FIRST);
        assertThat(states).extracting(LoginWaitingState::phase).containsSubsequence(Phase.OPENING, Phase.WAITING,
                Phase.NO_CARD);
    }

    @Test
    void anOrderTheServiceNamesAgainUntilItIsFetched_isShownOnce_andPollingPausesMeanwhile() {
        waiting.enabled(true);
        client.polls.add(() -> Optional.of(FIRST));
        client.polls.add(() -> Optional.of(FIRST));
        client.polls.add(() -> {
            waiting.cardRemoved();
            return Optional.empty();
        });

        waiting.start("123456".toCharArray());

        assertThat(shown).containsExactly(FIRST);
        assertThat(pauses).containsExactly(LoginWaiting.REPEAT_PAUSE);
    }

    @Test
    void aServiceThatAnswersAtOnce_isAskedAgainOnlyAfterTheLeastInterval() {
        waiting.enabled(true);
        client.emptyAnswerAfter = Duration.ofMillis(300);
        client.polls.add(Optional::empty);
        client.polls.add(Optional::empty);
        client.polls.add(() -> Optional.of(FIRST));
        client.polls.add(() -> {
            waiting.cardRemoved();
            return Optional.empty();
        });

        waiting.start("123456".toCharArray());

        Duration rest = LoginWaiting.MIN_POLL_INTERVAL.minusMillis(300);
        assertThat(pauses).containsExactly(rest, rest);
        assertThat(shown).containsExactly(FIRST);
    }

    @ParameterizedTest
    @CsvSource({"PT5S, PT4.7S", "PT0S, PT1.7S", "PT5M, PT29.7S"})
    void theIntervalAServiceAsksFor_isKeptWithinTheLeastIntervalAndTheLongPoll(Duration retryAfter, Duration pause) {
        waiting.enabled(true);
        client.emptyAnswerAfter = Duration.ofMillis(300);
        client.retryAfter = Optional.of(retryAfter);
        client.polls.add(Optional::empty);
        client.polls.add(() -> {
            waiting.stop();
            return Optional.empty();
        });

        waiting.start("123456".toCharArray());

        assertThat(pauses).containsExactly(pause);
    }

    @Test
    void anOrderArrivingAfterTheCardLeft_isNotShown_andPollingStops() {
        waiting.enabled(true);
        client.polls.add(() -> {
            waiting.cardRemoved();
            return Optional.of(SECOND);
        });

        waiting.start("123456".toCharArray());

        assertThat(shown).isEmpty();
        assertThat(client.polled).isEqualTo(1);
        assertThat(state().phase()).isEqualTo(Phase.NO_CARD);
    }

    @Test
    void aWrongPin_isReportedWithTheTriesLeft_andNeverTriedAgain() {
        waiting.enabled(true);
        card.answer = PinResult.of(PinStatus.WRONG_PIN, 2);
        client.openFailure = new ProofSigningException(ProofSigningException.Reason.WRONG_PIN, 2, "wrong PIN", null);

        waiting.start("111111".toCharArray());

        assertThat(state().phase()).isEqualTo(Phase.NEEDS_PIN);
        assertThat(state().problem()).contains(new Outcome.WrongCode(Outcome.Code.PIN, 2));
        waiting.cardRemoved();
        waiting.cardArrived();
        assertThat(client.opened).isEqualTo(1);
        assertThat(card.pinsAsked).isEqualTo(1);
    }

    @Test
    void aServiceWithoutPollSessions_saysSo() {
        waiting.enabled(true);
        client.openFailure = new OrderNotFoundException("HTTP 404");

        waiting.start("123456".toCharArray());

        assertThat(state().problem()).contains(new Outcome.PollNotSupported(SERVICE.toString()));
        assertThat(client.polled).isZero();
    }

    @Test
    void aPinMismatch_namesTheInterception() {
        waiting.enabled(true);
        client.openFailure = new TlsInterceptionDetectedException("pin mismatch");

        waiting.start("123456".toCharArray());

        assertThat(state().problem()).contains(new Outcome.ConnectionIntercepted(SERVICE.toString()));
    }

    @Test
    void aCardWithoutIdentificationCertificate_cannotWait() {
        card.unusable = new Outcome.NotSupported();

        waiting.enabled(true);

        assertThat(state().phase()).isEqualTo(Phase.NEEDS_PIN);
        assertThat(state().problem()).contains(new Outcome.NotSupported());
        assertThat(client.opened).isZero();
    }

    @Test
    void aSessionTheServiceForgot_needsThePinAgain_andIsNotReopenedByItself() {
        waiting.enabled(true);
        client.polls.add(() -> {
            throw new OrderNotFoundException("no such poll session");
        });

        waiting.start("123456".toCharArray());

        assertThat(state().phase()).isEqualTo(Phase.NEEDS_PIN);
        assertThat(state().problem()).contains(new Outcome.PollSessionEnded(SERVICE.toString()));
        assertThat(client.opened).isEqualTo(1);
    }

    @Test
    void anUnreachableService_isAskedAgainAfterLongerAndLongerPauses_upToTheCap() {
        waiting.enabled(true);
        for (int i = 0; i < 4; i++) {
            client.polls.add(() -> {
                throw new ServiceUnavailableException("connection refused");
            });
        }
        client.polls.add(Optional::empty);
        client.polls.add(() -> {
            throw new ServiceUnavailableException("connection refused");
        });
        client.polls.add(() -> {
            waiting.stop();
            return Optional.empty();
        });

        waiting.start("123456".toCharArray());

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(4), Duration.ofSeconds(1));
        assertThat(states).extracting(LoginWaitingState::phase).contains(Phase.RECONNECTING);
        assertThat(client.opened).isEqualTo(1);
    }

    @Test
    void anExpiredSession_isNotPolled_andNeedsThePinAgain() {
        waiting.enabled(true);
        client.sessionLifetime = Duration.ZERO;

        waiting.start("123456".toCharArray());

        assertThat(client.polled).isZero();
        assertThat(state().problem()).contains(new Outcome.PollSessionEnded(SERVICE.toString()));
    }

    @Test
    void aKeptPin_opensTheSessionWhenTheCardArrives() {
        pins.keepFor(Duration.ofMinutes(5));
        try (IdentificationPinCache.PinUse use = pins.typed(CARD, "123456".toCharArray())) {
            use.accepted();
        }
        client.polls.add(() -> {
            waiting.enabled(false);
            return Optional.empty();
        });

        waiting.enabled(true);

        assertThat(client.opened).isEqualTo(1);
        assertThat(card.lastPin).isEqualTo("123456");
        assertThat(state()).isEqualTo(LoginWaitingState.OFF);
    }

    @Test
    void aPinTypedToStart_isKeptWhenKeepingIsOn() {
        pins.keepFor(Duration.ofMinutes(5));
        waiting.enabled(true);
        client.polls.add(() -> {
            waiting.cardRemoved();
            return Optional.empty();
        });

        waiting.start("123456".toCharArray());

        assertThat(pins.savedUntil(CARD)).isPresent();
    }

    @Test
    void turnedOff_theTypedPinIsIgnored() {
        waiting.start("123456".toCharArray());

        assertThat(client.opened).isZero();
        assertThat(state()).isEqualTo(LoginWaitingState.OFF);
    }

    @Test
    void withoutAService_waitingStaysOff() {
        LoginWaiting none = new LoginWaiting(client, Optional.empty(), card, pins, shown::add, states::add, clock,
                new CallerRuns(), PollBackoff::standard, (owner, duration) -> { });

        none.enabled(true);
        none.start("123456".toCharArray());

        assertThat(none.state()).isEqualTo(LoginWaitingState.OFF);
        assertThat(client.opened).isZero();
    }

    /** One scripted answer of a long poll. */
    @FunctionalInterface
    private interface Poll {
        Optional<AutoStartLink> answer() throws OobException;
    }

    private final class ScriptedClient implements OobClient {
        final Deque<Poll> polls = new ArrayDeque<>();
        Exception openFailure;
        Duration sessionLifetime = Duration.ofHours(8);
        /** How long the service holds a poll that brings no order: the protocol's long poll, unless a test says. */
        Duration emptyAnswerAfter = LoginWaiting.POLL_WAIT;
        /** The Retry-After of an answer without an order. */
        Optional<Duration> retryAfter = Optional.empty();
        int opened;
        int polled;

        @Override
        public PollSession openPollSession(ServiceOrigin service, ProofSigner signer)
                throws OobException, ProofSigningException {
            opened++;
            signer.sign(ProofAlgorithm.ES256, new byte[] {1});
            if (openFailure instanceof ProofSigningException e) {
                throw e;
            }
            if (openFailure instanceof OobException e) {
                throw e;
            }
            return new PollSession(service, "TSTNMT2321000156-1024", "session-token", clock.instant().plus(sessionLifetime));
        }

        @Override
        public PollAnswer awaitOrder(PollSession session, Duration wait) throws OobException {
            assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(30));
            polled++;
            Poll next = polls.poll();
            if (next == null) {
                throw new AssertionError("the script has no answer for poll " + polled);
            }
            Optional<AutoStartLink> answer = next.answer();
            if (answer.isPresent()) {
                return PollAnswer.of(answer.get());
            }
            clock.advance(emptyAnswerAfter);
            return PollAnswer.none(retryAfter);
        }

        @Override
        public Order fetchOrder(AutoStartLink link) {
            throw new AssertionError("not part of waiting");
        }

        @Override
        public void complete(Order order, ProofSigner signer) {
            throw new AssertionError("not part of waiting");
        }

        @Override
        public void cancel(Order order, CancelReason reason) {
            throw new AssertionError("not part of waiting");
        }

        @Override
        public ServiceCheck check(ServiceOrigin service) {
            throw new AssertionError("not part of waiting");
        }

        @Override
        public void close() {
        }
    }

    private static final class ScriptedCard implements HolderCard {
        boolean present = true;
        Outcome unusable;
        PinResult answer = PinResult.of(PinStatus.OK);
        int pinsAsked;
        String lastPin;

        @Override
        public Optional<CardIdentity> identity() throws LoginUnavailableException {
            if (unusable != null) {
                throw new LoginUnavailableException(unusable);
            }
            return present ? Optional.of(CARD) : Optional.empty();
        }

        @Override
        public Optional<Signer> signer(PinLease pin) throws LoginUnavailableException {
            if (identity().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Signer() {
                private PinResult said;

                @Override
                public Optional<PinResult> pinResult() {
                    return Optional.ofNullable(said);
                }

                @Override
                public List<X509Certificate> certificateChain() {
                    return List.of();
                }

                @Override
                public byte[] sign(ProofAlgorithm algorithm, byte[] signingInput) {
                    pinsAsked++;
                    lastPin = new String(pin.pin());
                    said = answer;
                    return new byte[64];
                }
            });
        }
    }

    /** Runs every task at once on the caller's thread. */
    private static final class CallerRuns extends AbstractExecutorService {
        private boolean shut;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shut = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            return shut;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
