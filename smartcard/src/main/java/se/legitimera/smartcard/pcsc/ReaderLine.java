package se.legitimera.smartcard.pcsc;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.smartcard.api.NoReaderException;
import se.legitimera.smartcard.api.SmartcardException;

/**
 * One reader as its I/O thread sees it, through a PC/SC context of its own: pcsc-lite serializes the
 * calls on one context, so card I/O on the watcher's context would wait for every waitForChange.
 * Used only on the reader's thread.
 */
final class ReaderLine {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderLine.class);

    private final String name;
    private final TerminalSource source;
    private CardTerminals terminals;

    ReaderLine(String name, TerminalSource source) {
        this.name = name;
        this.source = source;
    }

    String name() {
        return name;
    }

    /** The reader, opening a context when there is none. */
    CardTerminal terminal() throws SmartcardException {
        try {
            if (terminals == null) {
                terminals = source.open();
            }
            CardTerminal terminal = terminals.getTerminal(name);
            if (terminal == null) {
                throw new NoReaderException("reader '" + name + "' is gone");
            }
            return terminal;
        } catch (CardException | RuntimeException e) {
            close();
            throw PcscFailure.beforeUse("open reader '" + name + "'", e);
        }
    }

    /** Drops the context, e.g. after a failure; the next {@link #terminal()} opens a new one. */
    void close() {
        if (terminals instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the PC/SC context of {} failed", name, e);
            }
        }
        terminals = null;
    }
}
