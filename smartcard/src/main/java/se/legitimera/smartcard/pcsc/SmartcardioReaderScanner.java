package se.legitimera.smartcard.pcsc;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

final class SmartcardioReaderScanner implements ReaderScanner {

    @Override
    public PcscSnapshot scan() {
        try {
            // A fresh factory per scan: SunPCSC throws rather than blocks when the service is gone.
            TerminalFactory factory = TerminalFactory.getInstance("PC/SC", null);
            List<String> names = factory.terminals().list().stream().map(CardTerminal::getName).toList();
            return PcscSnapshot.available(names);
        } catch (NoSuchAlgorithmException e) {
            // SunPCSC reports a missing service (and a missing libpcsclite) as an absent provider.
            return PcscSnapshot.unavailable(rootMessage(e));
        } catch (CardException e) {
            return PcscSnapshot.unavailable(rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
