package se.legitimera.app.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardEvent;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.profile.CardProfiles;

/** A monitor that shows a fixed snapshot and answers PIN operations from a fixed result, recording them. */
final class StubMonitor implements CardMonitor {

    static final String READER = "Virtual PCD 00 00";
    static final Atr ATR_940 = Atr.parse("3B7F96000080318065B0855956FB120FFE829000");

    private final MonitorSnapshot snapshot;
    private final PinResult answer;
    final List<String> calls = new ArrayList<>();
    boolean closed;

    StubMonitor(MonitorSnapshot snapshot, PinResult answer) {
        this.snapshot = snapshot;
        this.answer = answer;
    }

    static MonitorSnapshot withCard(Atr atr, int identificationTries) {
        CardStatus card = new CardStatus(READER, atr, CardProfiles.builtIn().match(atr),
                Map.of(PinKind.IDENTIFICATION, TriesLeft.of(identificationTries, 3),
                        PinKind.SIGNATURE, TriesLeft.of(3, 3)),
                Optional.of(TriesLeft.of(10, 10)), "");
        return new MonitorSnapshot(true, "", List.of(new ReaderStatus(READER, true, Optional.of(card)),
                new ReaderStatus("Virtual PCD 00 01", false, Optional.empty())));
    }

    @Override
    public void start(Consumer<CardEvent> listener) {
    }

    @Override
    public MonitorSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public MonitorSnapshot awaitFirstScan(Duration timeout) {
        return snapshot;
    }

    @Override
    public CardKeys keys(String reader) {
        throw new UnsupportedOperationException("the CLI uses no card keys");
    }

    @Override
    public PinOperations pins(String reader) {
        return new PinOperations() {
            @Override
            public TriesLeft triesLeft(PinKind kind) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<TriesLeft> pukTriesLeft() {
                throw new UnsupportedOperationException();
            }

            @Override
            public PinResult verify(PinKind kind, char[] pin) {
                throw new UnsupportedOperationException("the CLI never verifies");
            }

            @Override
            public PinResult change(PinKind kind, char[] current, char[] newPin) {
                calls.add("change " + reader + " " + kind + " " + new String(current) + " " + new String(newPin));
                return answer;
            }

            @Override
            public PinResult unblock(PinKind kind, char[] puk, char[] newPin) {
                calls.add("unblock " + reader + " " + kind + " " + new String(puk) + " " + new String(newPin));
                return answer;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
