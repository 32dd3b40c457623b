package se.legitimera.devkit.smartcardio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CardTerminals.State;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;

@Timeout(20)
class VirtualSmartcardioProviderTest {

    private static final CommandAPDU PIN_STATUS = new CommandAPDU(HexFormat.of().parseHex("00200011"));
    private static final String PIN = "246810";

    @TempDir
    static Path pkiFolder;
    private static VirtualSithsCard card;

    private VirtualReaders readers;
    private CardTerminals terminals;
    private VirtualReader reader;

    @BeforeAll
    static void createCard() {
        card = VirtualSithsCard.builder().withPki(TestPki.openOrCreate(pkiFolder, Clock.systemUTC()))
                .withInitialSecrets(PIN.toCharArray(), "135791".toCharArray(), "86420975".toCharArray()).openOrCreate();
    }

    @BeforeEach
    void createReaders() throws Exception {
        readers = VirtualReaders.named("Virtual Reader 00", "Virtual Reader 01");
        terminals = TerminalFactory.getInstance(VirtualSmartcardioProvider.TYPE, readers,
                new VirtualSmartcardioProvider()).terminals();
        reader = readers.reader("Virtual Reader 00");
    }

    @Test
    void whenFactoryIsAskedForTerminals_thenItListsTheReadersInOrder() throws Exception {
        assertThat(terminals.list()).extracting(t -> t.getName()).containsExactly("Virtual Reader 00", "Virtual Reader 01");
        assertThat(terminals.list(State.CARD_PRESENT)).isEmpty();
        reader.insert(card);
        assertThat(terminals.list(State.CARD_PRESENT)).containsExactly(reader);
        assertThat(terminals.list(State.CARD_ABSENT)).containsExactly(readers.reader(1));
        reader.remove();
    }

    @Test
    void whenParameterIsNotVirtualReaders_thenFactoryIsRefused() {
        assertThatThrownBy(() -> TerminalFactory.getInstance(VirtualSmartcardioProvider.TYPE, "x",
                new VirtualSmartcardioProvider())).isInstanceOf(NoSuchAlgorithmException.class);
    }

    @Test
    void whenNothingHappens_thenWaitForChangeTimesOut() throws Exception {
        assertThat(terminals.waitForChange(50)).isFalse();
    }

    @Test
    void whenCardIsInsertedWhileWaiting_thenWaitForChangeReportsAnInsertion() throws Exception {
        terminals.waitForChange(1);
        CompletableFuture<Boolean> changed = CompletableFuture.supplyAsync(() -> {
            try {
                return terminals.waitForChange(10_000);
            } catch (CardException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        reader.insert(card);
        assertThat(changed.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(terminals.list(State.CARD_INSERTION)).containsExactly(reader);
        assertThat(terminals.list(State.CARD_REMOVAL)).isEmpty();
        assertThat(terminals.waitForChange(20)).isFalse();
        assertThat(terminals.list(State.CARD_INSERTION)).as("the insertion was reported once").isEmpty();
        reader.remove();
    }

    @Test
    void whenCardIsRemovedBetweenCalls_thenTheNextWaitForChangeReportsItAtOnce() throws Exception {
        reader.insert(card);
        terminals.waitForChange(1);
        reader.remove();
        assertThat(terminals.waitForChange(0)).isTrue();
        assertThat(terminals.list(State.CARD_REMOVAL)).containsExactly(reader);
        assertThat(terminals.list(State.CARD_INSERTION)).isEmpty();
    }

    @Test
    void whenConnectedCardIsRemoved_thenTransmitThrowsCardException() throws Exception {
        reader.insert(card);
        Card connected = reader.connect("*");
        CardChannel channel = connected.getBasicChannel();
        assertThat(channel.transmit(PIN_STATUS).getSW()).isEqualTo(0x63C3);
        assertThat(connected.getATR().getBytes()).isEqualTo(VirtualSithsCard.atr());
        reader.remove();
        assertThatThrownBy(() -> channel.transmit(PIN_STATUS)).isInstanceOf(CardException.class);
        assertThatThrownBy(() -> reader.connect("*")).isInstanceOf(CardNotPresentException.class);
        assertThat(reader.waitForCardAbsent(1)).isTrue();
    }

    @Test
    void whenExclusiveIsHeld_thenAnotherThreadCannotTransmit() throws Exception {
        reader.insert(card);
        Card connected = reader.connect("T=0");
        connected.beginExclusive();
        CompletableFuture<Object> other = CompletableFuture.supplyAsync(() -> {
            try {
                return connected.getBasicChannel().transmit(PIN_STATUS);
            } catch (CardException e) {
                return e;
            }
        });
        assertThatThrownBy(() -> other.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SecurityException.class);
        assertThat(connected.getBasicChannel().transmit(PIN_STATUS).getSW()).isEqualTo(0x63C3);
        connected.endExclusive();
        assertThat(CompletableFuture.supplyAsync(() -> {
            try {
                return connected.getBasicChannel().transmit(PIN_STATUS).getSW();
            } catch (CardException e) {
                return -1;
            }
        }).get(5, TimeUnit.SECONDS)).isEqualTo(0x63C3);
        reader.remove();
    }

    @Test
    void whenDisconnectedWithReset_thenPinVerificationIsGone() throws Exception {
        reader.insert(card);
        Card connected = reader.connect("*");
        byte[] verify = HexFormat.of().parseHex("0020001110" + HexFormat.of().formatHex(java.util.Arrays.copyOf(PIN.getBytes(), 16)));
        assertThat(connected.getBasicChannel().transmit(new CommandAPDU(verify)).getSW()).isEqualTo(0x9000);
        assertThat(reader.connect("*")).as("same card for every caller").isSameAs(connected);
        connected.disconnect(true);
        assertThatThrownBy(() -> connected.getBasicChannel()).isInstanceOf(IllegalStateException.class);
        assertThat(reader.connect("*").getBasicChannel().transmit(PIN_STATUS).getSW()).isEqualTo(0x63C3);
        reader.remove();
    }

    @Test
    void whenProtocolIsT1_thenConnectFails() {
        reader.insert(card);
        assertThatThrownBy(() -> reader.connect("T=1")).isInstanceOf(CardException.class);
        reader.remove();
    }
}
