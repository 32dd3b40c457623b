package se.legitimera.devkit.smartcardio;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

/** Hands out a fresh {@link CardTerminals} view (with its own change tracking) per call, as SunPCSC does. */
final class VirtualTerminalFactorySpi extends TerminalFactorySpi {

    private final VirtualReaders readers;

    VirtualTerminalFactorySpi(VirtualReaders readers) {
        this.readers = readers;
    }

    @Override
    protected CardTerminals engineTerminals() {
        return new VirtualReaderList(readers);
    }
}
