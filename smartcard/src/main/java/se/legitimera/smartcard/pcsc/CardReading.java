package se.legitimera.smartcard.pcsc;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.api.ApduTransport;
import se.legitimera.smartcard.api.Atr;
import se.legitimera.smartcard.api.CardProfile;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinOperations;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.ReaderBusyException;
import se.legitimera.smartcard.api.RetriableCardException;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.pin.IdPrimePins;
import se.legitimera.smartcard.profile.CardProfiles;

/**
 * Connecting to a card in shared mode, holding it exclusively for one multi-APDU operation, and reading
 * what a status needs. Runs on the reader's thread.
 */
final class CardReading {

    private static final Logger LOG = LoggerFactory.getLogger(CardReading.class);
    private static final int CONNECT_ATTEMPTS = 5;
    private static final long BUSY_PAUSE_MILLIS = 100;

    private final CardProfiles profiles;

    CardReading(CardProfiles profiles) {
        this.profiles = profiles;
    }

    /** A connected card, its profile and its APDU transport. */
    record Session(Card card, Atr atr, CardProfile profile, ApduTransport transport) {
    }

    /** One operation inside an exclusive session. */
    @FunctionalInterface
    interface SessionTask<T> {
        T run(Session session) throws SmartcardException;
    }

    /**
     * Connects (shared), takes the card exclusively, runs the task, lets go and disconnects; resets the
     * card on disconnect when {@code resetAfter} says so for the task's result.
     */
    <T> T inSession(ReaderLine line, SessionTask<T> task, Predicate<T> resetAfter) throws SmartcardException {
        return inSession(line, task, resetAfter, false);
    }

    /**
     * As {@link #inSession(ReaderLine, SessionTask, Predicate)}; {@code resetOnFailure} also resets the card
     * when the task fails, for tasks that may fail after a PIN was verified (signing).
     */
    <T> T inSession(ReaderLine line, SessionTask<T> task, Predicate<T> resetAfter, boolean resetOnFailure)
            throws SmartcardException {
        try {
            return inSession(line.terminal(), task, resetAfter, resetOnFailure);
        } catch (SmartcardException | RuntimeException e) {
            if (!(e instanceof CardRemovedException || e instanceof NoCardException)) {
                // A fresh context for the next operation, in case this one died with the service.
                line.close();
            }
            throw e;
        }
    }

    private <T> T inSession(CardTerminal terminal, SessionTask<T> task, Predicate<T> resetAfter,
            boolean resetOnFailure) throws SmartcardException {
        Card card = connect(terminal);
        boolean reset = false;
        try {
            try {
                card.beginExclusive();
            } catch (CardException | IllegalStateException e) {
                throw PcscFailure.beforeUse("begin exclusive access", e);
            }
            try {
                Atr atr = Atr.of(card.getATR().getBytes());
                ApduTransport transport = GetResponseTransport.wrap(new ChannelTransport(card.getBasicChannel()));
                T result;
                try {
                    result = task.run(new Session(card, atr, profiles.match(atr), transport));
                } catch (SmartcardException | RuntimeException e) {
                    reset = resetOnFailure;
                    throw e;
                }
                reset = resetAfter.test(result);
                return result;
            } finally {
                endExclusiveQuietly(card);
            }
        } finally {
            disconnectQuietly(card, reset);
        }
    }

    /**
     * Reads a newly inserted card: ATR, profile, PIN and PUK counters by empty VERIFY. Unknown cards get
     * no APDU at all.
     *
     * @return empty when the card went away or could not be reached; the reason is logged
     */
    Optional<CardStatus> read(ReaderLine line) {
        String reader = line.name();
        LOG.debug("Reading the card in {}", reader);
        try {
            return Optional.of(inSession(line, session -> counters(reader, session), status -> false));
        } catch (CardRemovedException | NoCardException e) {
            LOG.debug("Card in {} went away while being read", reader);
            return Optional.empty();
        } catch (SmartcardException | RuntimeException e) {
            LOG.warn("Cannot read the card in {}: {}", reader, e.getMessage());
            return Optional.empty();
        }
    }

    /** The card's counters as a status; a counter that cannot be read is left out and named as problem. */
    CardStatus counters(String reader, Session session) throws CardRemovedException {
        CardProfile profile = session.profile();
        if (!profile.supportsPinApdus()) {
            return new CardStatus(reader, session.atr(), profile, Map.of(), Optional.empty(), "");
        }
        Map<PinKind, TriesLeft> tries = new EnumMap<>(PinKind.class);
        Optional<TriesLeft> puk = Optional.empty();
        String problem = "";
        try {
            PinOperations pins = IdPrimePins.over(profile, session.transport());
            for (PinSpec pin : profile.pins()) {
                tries.put(pin.kind(), pins.triesLeft(pin.kind()));
            }
            puk = pins.pukTriesLeft();
        } catch (CardRemovedException e) {
            throw e;
        } catch (SmartcardException e) {
            problem = e.getMessage();
            LOG.warn("Card in {} ({}): cannot read PIN counters: {}", reader, profile.id(), problem);
        }
        return new CardStatus(reader, session.atr(), profile, tries, puk, problem);
    }

    private static Card connect(CardTerminal terminal) throws SmartcardException {
        for (int attempt = 1; ; attempt++) {
            try {
                return terminal.connect("*");
            } catch (CardException | IllegalStateException e) {
                RetriableCardException failure = PcscFailure.beforeUse("connect to " + terminal.getName(), e);
                if (!(failure instanceof ReaderBusyException) || attempt == CONNECT_ATTEMPTS) {
                    throw failure;
                }
            }
            try {
                Thread.sleep(BUSY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReaderBusyException("interrupted while the card was busy");
            }
        }
    }

    private static void endExclusiveQuietly(Card card) {
        try {
            card.endExclusive();
        } catch (CardException | IllegalStateException e) {
            LOG.debug("endExclusive failed (card gone?)", e);
        }
    }

    private static void disconnectQuietly(Card card, boolean reset) {
        try {
            card.disconnect(reset);
        } catch (CardException | IllegalStateException e) {
            LOG.debug("disconnect failed (card gone?)", e);
        }
    }
}
