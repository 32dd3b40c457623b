package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.legitimera.app.MovableClock;
import se.legitimera.smartcard.api.CardEvent;

class IdentificationPinCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final CardIdentity CARD = new CardIdentity("Reader A", "CN=Issuer#1f");

    private final MovableClock clock = new MovableClock(NOW);
    private IdentificationPinCache cache = cache(Duration.ofMinutes(10));

    private IdentificationPinCache cache(Duration keepFor) {
        return new IdentificationPinCache(keepFor, clock, Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().factory()));
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private void typeAndAccept(CardIdentity card, String pin) {
        try (IdentificationPinCache.PinUse use = cache.typed(card, pin.toCharArray())) {
            use.accepted();
        }
    }

    private Optional<String> savedPin(CardIdentity card) {
        return cache.saved(card).map(use -> {
            try (use) {
                return new String(use.pin());
            }
        });
    }

    @Test
    void byDefault_nothingIsKept() {
        cache.close();
        cache = cache(Duration.ZERO);

        typeAndAccept(CARD, "123456");

        assertThat(cache.keeping()).isFalse();
        assertThat(cache.holdsPin()).isFalse();
        assertThat(cache.savedUntil(CARD)).isEmpty();
    }

    @Test
    void anAcceptedPin_isKeptForItsCardUntilTheTimeIsUp() {
        typeAndAccept(CARD, "123456");

        assertThat(cache.savedUntil(CARD)).contains(NOW.plus(Duration.ofMinutes(10)));
        assertThat(savedPin(CARD)).contains("123456");
    }

    @Test
    void aPinTheCardDidNotAccept_isNeverKept() {
        try (IdentificationPinCache.PinUse use = cache.typed(CARD, "111111".toCharArray())) {
            use.refused();
        }

        assertThat(cache.holdsPin()).isFalse();
    }

    @Test
    void anotherCard_getsNoPin() {
        typeAndAccept(CARD, "123456");

        assertThat(savedPin(new CardIdentity("Reader A", "CN=Issuer#20"))).isEmpty();
        assertThat(savedPin(new CardIdentity("Reader B", "CN=Issuer#1f"))).isEmpty();
    }

    @Test
    void whenTheCardRefusesTheKeptPin_itIsForgotten() {
        typeAndAccept(CARD, "123456");

        try (IdentificationPinCache.PinUse use = cache.saved(CARD).orElseThrow()) {
            use.refused();
        }

        assertThat(cache.holdsPin()).isFalse();
    }

    @Test
    void whenTheTimeIsUp_theKeptPinIsNotGiven() {
        typeAndAccept(CARD, "123456");

        clock.advance(Duration.ofMinutes(10));

        assertThat(savedPin(CARD)).isEmpty();
        assertThat(cache.holdsPin()).isFalse();
    }

    @Test
    void whenTheTimeIsUp_theKeptPinIsWipedWithoutAnyoneAsking() throws InterruptedException {
        cache.close();
        cache = cache(Duration.ofMillis(50));
        typeAndAccept(CARD, "123456");
        clock.advance(Duration.ofMillis(50));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (cache.holdsPin() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(cache.holdsPin()).isFalse();
    }

    @Test
    void whenTheCardLeavesItsReader_theKeptPinIsWiped() {
        typeAndAccept(CARD, "123456");
        cache.accept(new CardEvent.CardRemoved("Reader B"));
        assertThat(cache.holdsPin()).isTrue();

        cache.accept(new CardEvent.CardRemoved("Reader A"));

        assertThat(cache.holdsPin()).isFalse();
    }

    @Test
    void turningKeepingOff_wipesTheKeptPin() {
        typeAndAccept(CARD, "123456");

        cache.keepFor(Duration.ZERO);

        assertThat(cache.holdsPin()).isFalse();
    }

    @Test
    void shorteningTheTime_countsFromWhenThePinWasTyped() {
        typeAndAccept(CARD, "123456");
        clock.advance(Duration.ofMinutes(3));

        cache.keepFor(Duration.ofMinutes(5));

        assertThat(cache.savedUntil(CARD)).contains(NOW.plus(Duration.ofMinutes(5)));
        cache.keepFor(Duration.ofMinutes(2));
        assertThat(cache.holdsPin()).isFalse();
    }

    @Test
    void forgettingAndQuitting_wipeTheKeptPin() {
        typeAndAccept(CARD, "123456");
        cache.forget();
        assertThat(cache.holdsPin()).isFalse();

        typeAndAccept(CARD, "123456");
        cache.close();
        assertThat(cache.holdsPin()).isFalse();
    }

    @Test
    void aPromptInFront_isAskedOnlyWhenNoPinIsKept() {
        AtomicInteger asked = new AtomicInteger();
        char[] typed = "123456".toCharArray();
        IdentificationPinCache.PinSource<RuntimeException> prompt = () -> {
            asked.incrementAndGet();
            return typed;
        };

        try (IdentificationPinCache.PinUse use = cache.pinFor(CARD, prompt)) {
            assertThat(use.saved()).isFalse();
            use.accepted();
        }
        assertThat(new String(typed)).matches("\0*");
        try (IdentificationPinCache.PinUse use = cache.pinFor(CARD, prompt)) {
            assertThat(use.saved()).isTrue();
            assertThat(new String(use.pin())).isEqualTo("123456");
        }

        assertThat(asked).hasValue(1);
    }

    @Test
    void closingAUse_wipesItsPin() {
        typeAndAccept(CARD, "123456");
        IdentificationPinCache.PinUse use = cache.saved(CARD).orElseThrow();
        char[] pin = use.pin();

        use.close();

        assertThat(new String(pin)).matches("\0*");
        assertThat(savedPin(CARD)).contains("123456");
    }
}
