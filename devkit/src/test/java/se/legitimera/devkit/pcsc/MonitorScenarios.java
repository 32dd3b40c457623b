package se.legitimera.devkit.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.card.CardSecrets;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.smartcard.api.CardEvent.CardInserted;
import se.legitimera.smartcard.api.CardEvent.CardRemoved;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardType;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.pcsc.TerminalSource;

/**
 * What the card monitor must do with a virtual SITHS 940, whatever carries the card: the in-JVM
 * readers or pcscd + vpcd. Subclasses say how a card gets in and out.
 */
@Timeout(60)
abstract class MonitorScenarios {

    static final String PIN = "246810";
    static final String SIGNATURE_PIN = "135791";
    static final String PUK = "86420975";
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path pkiFolder;
    static TestPki pki;

    VirtualSithsCard card;
    CardMonitor monitor;
    final EventLog events = new EventLog();
    /** VERIFY commands with a PIN in them, as the card saw them: each may cost a try. */
    final AtomicInteger verifiesWithPin = new AtomicInteger();

    @BeforeAll
    static void createPki() {
        pki = TestPki.openOrCreate(pkiFolder, Clock.systemUTC());
    }

    /** Where the monitor finds readers. */
    abstract TerminalSource source();

    /** The reader the card goes into. */
    abstract String readerName();

    /** Puts the card in; returns when the card is in as far as the carrier is concerned. */
    abstract void insert(VirtualSithsCard inserted) throws Exception;

    /** Takes the card out. */
    abstract void remove() throws Exception;

    @BeforeEach
    void startMonitor() throws Exception {
        card = VirtualSithsCard.builder().withPki(pki).withInitialSecrets(PIN.toCharArray(),
                SIGNATURE_PIN.toCharArray(), PUK.toCharArray()).openOrCreate();
        card.addListener(apdu -> {
            if (apdu.ins() == 0x20 && apdu.dataLength() > 0) {
                verifiesWithPin.incrementAndGet();
            }
        });
        monitor = CardMonitor.builder().withTerminalSource(source()).build();
        monitor.start(events);
        monitor.awaitFirstScan(WAIT);
    }

    @AfterEach
    void stopMonitor() throws Exception {
        monitor.close();
        remove();
    }

    CardInserted insertAndAwait() throws Exception {
        insert(card);
        return events.await(CardInserted.class, e -> e.reader().equals(readerName()), WAIT);
    }

    PinOperations pins() {
        return monitor.pins(readerName());
    }

    @Test
    void whenThe940IsInserted_thenItIsReportedWithThreeIdentificationTries() throws Exception {
        // How fast is bench/pcsc's business (a timed assertion fails on a loaded CI machine): here, only what.
        insert(card);
        CardInserted inserted = events.await(CardInserted.class, e -> e.reader().equals(readerName()), WAIT);

        assertThat(inserted.card().profile().type()).isEqualTo(CardType.SITHS_940);
        assertThat(inserted.card().atr().bytes()).isEqualTo(VirtualSithsCard.atr());
        assertThat(inserted.card().pinTries()).containsEntry(PinKind.IDENTIFICATION, TriesLeft.of(3, 3))
                .containsEntry(PinKind.SIGNATURE, TriesLeft.of(3, 3));
        assertThat(inserted.card().pukTries()).contains(TriesLeft.of(10, 10));
    }

    @Test
    void whenTheCardIsRemoved_thenRemovalIsSeen() throws Exception {
        insertAndAwait();
        remove();
        assertThat(events.await(CardRemoved.class, e -> e.reader().equals(readerName()), WAIT).reader())
                .isEqualTo(readerName());
    }

    @Test
    void whenThePinIsChanged_thenTheCardTakesTheNewPin() throws Exception {
        insertAndAwait();
        PinResult result = pins().change(PinKind.IDENTIFICATION, PIN.toCharArray(), "192837".toCharArray());
        assertThat(result.ok()).isTrue();
        try (CardSecrets secrets = card.secrets()) {
            assertThat(secrets.identificationPin()).containsExactly("192837".toCharArray());
        }
        assertThat(pins().verify(PinKind.IDENTIFICATION, "192837".toCharArray()).ok()).isTrue();
    }

    @Test
    void whenThreeWrongPins_thenThePinIsBlocked() throws Exception {
        insertAndAwait();
        assertThat(pins().verify(PinKind.IDENTIFICATION, "000001".toCharArray()))
                .isEqualTo(PinResult.of(PinStatus.WRONG_PIN, 2));
        assertThat(pins().verify(PinKind.IDENTIFICATION, "000001".toCharArray()))
                .isEqualTo(PinResult.of(PinStatus.WRONG_PIN, 1));
        assertThat(pins().verify(PinKind.IDENTIFICATION, "000001".toCharArray()).status())
                .isEqualTo(PinStatus.PIN_BLOCKED);
        assertThat(pins().verify(PinKind.IDENTIFICATION, PIN.toCharArray()).status())
                .as("the right PIN does not help any more").isEqualTo(PinStatus.PIN_BLOCKED);
        assertThat(monitor.snapshot().readers()).filteredOn(r -> r.name().equals(readerName())).singleElement()
                .satisfies(r -> assertThat(r.card().orElseThrow().pinTries().get(PinKind.IDENTIFICATION).blocked())
                        .isTrue());
    }

    @Test
    void whenBlocked_thenThePukUnblocksWithANewPin() throws Exception {
        insertAndAwait();
        for (int i = 0; i < 3; i++) {
            pins().verify(PinKind.IDENTIFICATION, "000001".toCharArray());
        }
        assertThat(pins().unblock(PinKind.IDENTIFICATION, PUK.toCharArray(), "192837".toCharArray()).ok()).isTrue();
        assertThat(pins().triesLeft(PinKind.IDENTIFICATION)).isEqualTo(TriesLeft.of(3, 3));
        assertThat(pins().verify(PinKind.IDENTIFICATION, "192837".toCharArray()).ok()).isTrue();
    }

    @Test
    void whenTenWrongPuks_thenTheCardIsBlockedForGood() throws Exception {
        insertAndAwait();
        for (int left = 9; left >= 1; left--) {
            assertThat(pins().unblock(PinKind.IDENTIFICATION, "11112222".toCharArray(), "192837".toCharArray()))
                    .isEqualTo(PinResult.of(PinStatus.WRONG_PUK, left));
        }
        assertThat(pins().unblock(PinKind.IDENTIFICATION, "11112222".toCharArray(), "192837".toCharArray()).status())
                .isEqualTo(PinStatus.PUK_BLOCKED);
        assertThat(pins().unblock(PinKind.IDENTIFICATION, PUK.toCharArray(), "192837".toCharArray()).status())
                .as("the right PUK does not help any more").isEqualTo(PinStatus.PUK_BLOCKED);
        assertThat(pins().pukTriesLeft()).hasValueSatisfying(t -> assertThat(t.blocked()).isTrue());
    }

    @Test
    void whenTheCardIsWatchedReadAndReinserted_thenNoTryIsSpent() throws Exception {
        insertAndAwait();
        pins().triesLeft(PinKind.IDENTIFICATION);
        pins().triesLeft(PinKind.SIGNATURE);
        pins().pukTriesLeft();
        remove();
        events.await(CardRemoved.class, e -> e.reader().equals(readerName()), WAIT);
        events.clear();
        insertAndAwait();

        assertThat(verifiesWithPin).hasValue(0);
        assertThat(card.triesLeft(0x11)).isEqualTo(3);
        assertThat(card.triesLeft(0x83)).isEqualTo(3);
        assertThat(card.triesLeft(0x81)).isEqualTo(10);
    }

    @Test
    void whenTheUserChangesThePin_thenExactlyOneCommandCarriesAPin() throws Exception {
        insertAndAwait();
        long changesBefore = card.commandCount(0x24);
        pins().change(PinKind.IDENTIFICATION, PIN.toCharArray(), "192837".toCharArray());
        assertThat(card.commandCount(0x24) - changesBefore).isEqualTo(1);
        assertThat(verifiesWithPin).as("no VERIFY the user did not ask for").hasValue(0);
    }
}
