package se.legitimera.smartcard.pcsc;

import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

final class SmartcardioReaderScanner implements ReaderScanner {

    private final TerminalSource source;

    SmartcardioReaderScanner(TerminalSource source) {
        this.source = source;
    }

    @Override
    public PcscSnapshot scan() {
        CardTerminals terminals = null;
        try {
            terminals = source.open();
            List<String> names = terminals.list().stream().map(CardTerminal::getName).toList();
            return PcscSnapshot.available(names);
        } catch (CardException | RuntimeException e) {
            return PcscSnapshot.unavailable(PcscFailure.rootMessage(e));
        } finally {
            if (terminals instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // the context is released either way; nothing to tell the caller
                }
            }
        }
    }
}
