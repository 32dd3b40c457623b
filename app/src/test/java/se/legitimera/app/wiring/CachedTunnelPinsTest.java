package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.app.gateway.PinPrompt;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.smartcardio.VirtualReaders;
import se.legitimera.smartcard.api.CardEvent;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.pcsc.TerminalSource;

/** The PIN cache in front of a tunnel's prompt, over a card monitor watching an in-JVM virtual reader. */
class CachedTunnelPinsTest {

    private static final String READER = "Virtual PCD 00 00";
    private static final PinRequest REQUEST = new PinRequest("journal", "journal.example.se", false,
            OptionalInt.empty());

    @TempDir
    Path state;

    private final VirtualReaders readers = VirtualReaders.named(READER);
    private final AtomicInteger asked = new AtomicInteger();
    private final PinPrompt prompt = request -> {
        asked.incrementAndGet();
        return "123456".toCharArray();
    };
    private VirtualSithsCard card;
    private CardMonitor monitor;
    private IdentificationPinCache cache;

    @BeforeEach
    void insertCard() throws Exception {
        card = VirtualSithsCard.builder().withPki(TestPki.openOrCreate(state.resolve("pki"), Clock.systemUTC()))
                .withStateFolder(state.resolve("card")).openOrCreate();
        cache = IdentificationPinCache.start(Duration.ofMinutes(10), Clock.systemUTC());
        monitor = CardMonitor.builder().withTerminalSource(TerminalSource.of(readers.terminalFactory())).build();
        java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
        monitor.start(event -> {
            cache.accept(event);
            if (event instanceof CardEvent.CardInserted) {
                inserted.countDown();
            }
        });
        readers.reader(READER).insert(card);
        assertThat(inserted.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("card seen").isTrue();
    }

    @AfterEach
    void close() {
        monitor.close();
        cache.close();
    }

    @Test
    void whenTheCardAcceptedATypedPin_thenTheNextTunnelLoginUsesItWithoutAsking() throws Exception {
        TunnelPins pins = new CachedTunnelPins(cache, monitor);

        try (PinLease first = pins.pinFor(card.authenticationCertificate(), prompt, REQUEST)) {
            assertThat(first.saved()).isFalse();
            first.accepted();
        }
        try (PinLease second = pins.pinFor(card.authenticationCertificate(), prompt, REQUEST)) {
            assertThat(second.saved()).isTrue();
            assertThat(second.pin()).containsExactly('1', '2', '3', '4', '5', '6');
        }
        assertThat(asked).hasValue(1);
    }

    @Test
    void whenTheKeptPinIsRefused_thenItIsForgottenAndTheUserIsAsked() throws Exception {
        TunnelPins pins = new CachedTunnelPins(cache, monitor);
        try (PinLease typed = pins.pinFor(card.authenticationCertificate(), prompt, REQUEST)) {
            typed.accepted();
        }
        try (PinLease kept = pins.pinFor(card.authenticationCertificate(), prompt, REQUEST)) {
            kept.refused();
        }
        try (PinLease again = pins.pinFor(card.authenticationCertificate(), prompt, REQUEST)) {
            assertThat(again.saved()).isFalse();
        }
        assertThat(asked).hasValue(2);
    }

    @Test
    void whenTheCardLeavesItsReader_thenItsKeptPinGoesWithIt() throws Exception {
        TunnelPins pins = new CachedTunnelPins(cache, monitor);
        try (PinLease typed = pins.pinFor(card.authenticationCertificate(), prompt, REQUEST)) {
            typed.accepted();
        }

        readers.reader(READER).remove();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cache.savedUntil(CardIdentity.of(READER, card.authenticationCertificate())).isPresent()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        readers.reader(READER).insert(card);

        try (PinLease after = pins.pinFor(card.authenticationCertificate(), prompt, REQUEST)) {
            assertThat(after.saved()).isFalse();
        }
        assertThat(asked).hasValue(2);
    }

    @Test
    void whenKeepingIsOff_thenEveryLoginAsksAndNothingIsKept() throws Exception {
        cache.keepFor(Duration.ZERO);
        TunnelPins pins = new CachedTunnelPins(cache, monitor);

        for (int i = 0; i < 2; i++) {
            try (PinLease lease = pins.pinFor(card.authenticationCertificate(), prompt, REQUEST)) {
                assertThat(lease.saved()).isFalse();
                lease.accepted();
            }
        }
        assertThat(asked).hasValue(2);
    }

    @Test
    void whenNoReaderHoldsTheTunnelsCard_thenThePinIsAskedAndNotKept() throws Exception {
        TunnelPins pins = new CachedTunnelPins(cache, monitor);
        java.security.cert.X509Certificate someoneElse = VirtualSithsCard.builder()
                .withPki(TestPki.openOrCreate(state.resolve("pki"), Clock.systemUTC()))
                .withStateFolder(state.resolve("other-card")).openOrCreate().authenticationCertificate();

        for (int i = 0; i < 2; i++) {
            try (PinLease lease = pins.pinFor(someoneElse, prompt, REQUEST)) {
                lease.accepted();
            }
        }
        assertThat(asked).hasValue(2);
    }
}
