package se.legitimera.smartcard.pcsc;

/**
 * Takes a one-off look at the PC/SC service and its readers (no cards, no APDUs). For cards, events and
 * PIN counters use {@link se.legitimera.smartcard.api.CardMonitor}.
 *
 * <p>Blocking: call it off the UI thread. Never throws for an unavailable service; that is a
 * state, reported in the snapshot.
 */
public interface ReaderScanner {

    /** What the PC/SC service shows right now. */
    PcscSnapshot scan();

    /**
     * A scanner of the system's PC/SC service through {@link TerminalSource#pcsc()}: a new PC/SC context
     * per scan, so it sees the service again after a restart.
     */
    static ReaderScanner smartcardio() {
        return over(TerminalSource.pcsc());
    }

    /** A scanner of any source of readers. */
    static ReaderScanner over(TerminalSource source) {
        return new SmartcardioReaderScanner(source);
    }
}
