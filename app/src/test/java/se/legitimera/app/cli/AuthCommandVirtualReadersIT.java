package se.legitimera.app.cli;

import se.legitimera.devkit.smartcardio.VirtualReaders;
import se.legitimera.smartcard.pcsc.TerminalSource;

/** The card scenarios in the JVM: the devkit's virtual reader instead of PC/SC. */
class AuthCommandVirtualReadersIT extends CardAuthScenarios {

    private static final String READER = "Virtual Reader 00";
    private final VirtualReaders readers = VirtualReaders.named(READER);

    @Override
    TerminalSource source() {
        return TerminalSource.of(readers.terminalFactory());
    }

    @Override
    String readerName() {
        return READER;
    }

    @Override
    void insert() {
        readers.reader(READER).insert(card);
    }

    @Override
    void remove() {
        readers.reader(READER).remove();
    }
}
