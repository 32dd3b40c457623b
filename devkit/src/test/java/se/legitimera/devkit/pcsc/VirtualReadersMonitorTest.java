package se.legitimera.devkit.pcsc;

import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.smartcardio.VirtualReaders;
import se.legitimera.smartcard.pcsc.TerminalSource;

/** The monitor scenarios on the devkit's in-JVM readers: no pcscd needed. */
class VirtualReadersMonitorTest extends MonitorScenarios {

    private final VirtualReaders readers = VirtualReaders.named("Virtual Reader 00", "Virtual Reader 01");

    @Override
    TerminalSource source() {
        return TerminalSource.of(readers.terminalFactory());
    }

    @Override
    String readerName() {
        return "Virtual Reader 01";
    }

    @Override
    void insert(VirtualSithsCard inserted) {
        readers.reader(readerName()).insert(inserted);
    }

    @Override
    void remove() {
        readers.reader(readerName()).remove();
    }
}
