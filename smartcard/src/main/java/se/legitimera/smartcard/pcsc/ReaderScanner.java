package se.legitimera.smartcard.pcsc;

/**
 * Takes a one-off look at the PC/SC service and its readers.
 *
 * <p>Blocking: call it off the UI thread. Never throws for an unavailable service; that is a
 * state, reported in the snapshot.
 */
public interface ReaderScanner {

    /** What the PC/SC service shows right now. */
    PcscSnapshot scan();

    /** A scanner over the JDK's javax.smartcardio provider (SunPCSC). */
    static ReaderScanner smartcardio() {
        return new SmartcardioReaderScanner();
    }
}
