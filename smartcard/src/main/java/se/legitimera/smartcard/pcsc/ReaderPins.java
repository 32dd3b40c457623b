package se.legitimera.smartcard.pcsc;

import java.util.Optional;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.api.UnsupportedCardException;
import se.legitimera.smartcard.pcsc.CardReading.Session;
import se.legitimera.smartcard.pin.IdPrimePins;

/** PIN operations on the card in one reader, each run on that reader's thread in its own exclusive session. */
final class ReaderPins implements PinOperations {

    private final PcscCardMonitor monitor;
    private final String reader;
    private final CardReading reading;

    ReaderPins(PcscCardMonitor monitor, String reader, CardReading reading) {
        this.monitor = monitor;
        this.reader = reader;
        this.reading = reading;
    }

    @FunctionalInterface
    private interface PinTask {
        PinResult run(PinOperations pins) throws SmartcardException;
    }

    @Override
    public TriesLeft triesLeft(PinKind kind) throws SmartcardException {
        return onReader(session -> operations(session).triesLeft(kind), false);
    }

    @Override
    public Optional<TriesLeft> pukTriesLeft() throws SmartcardException {
        return onReader(session -> operations(session).pukTriesLeft(), false);
    }

    @Override
    public PinResult verify(PinKind kind, char[] pin) throws SmartcardException {
        return pinOperation(pins -> pins.verify(kind, pin));
    }

    @Override
    public PinResult change(PinKind kind, char[] current, char[] newPin) throws SmartcardException {
        return pinOperation(pins -> pins.change(kind, current, newPin));
    }

    @Override
    public PinResult unblock(PinKind kind, char[] puk, char[] newPin) throws SmartcardException {
        return pinOperation(pins -> pins.unblock(kind, puk, newPin));
    }

    private PinResult pinOperation(PinTask task) throws SmartcardException {
        return onReader(session -> {
            if (!session.profile().supportsPinApdus()) {
                return PinResult.of(PinStatus.NOT_SUPPORTED);
            }
            PinResult result = task.run(IdPrimePins.over(session.profile(), session.transport()));
            if (countersMayHaveChanged(result.status())) {
                try {
                    monitor.pinTriesChanged(reader, reading.counters(reader, session));
                } catch (SmartcardException e) {
                    // The operation's result stands; the card went away right after it.
                }
            }
            return result;
        }, true);
    }

    static boolean countersMayHaveChanged(PinStatus status) {
        return switch (status) {
            case OK, WRONG_PIN, WRONG_PUK, PIN_BLOCKED, PUK_BLOCKED -> true;
            case INVALID_FORMAT, CARD_REMOVED, NOT_SUPPORTED -> false;
        };
    }

    private static PinOperations operations(Session session) throws UnsupportedCardException {
        return IdPrimePins.over(session.profile(), session.transport());
    }

    private <T> T onReader(CardReading.SessionTask<T> task, boolean resetAfterSuccess) throws SmartcardException {
        return monitor.access(reader).run(line -> reading.inSession(line, task,
                result -> resetAfterSuccess && result instanceof PinResult pin && pin.ok()));
    }
}
