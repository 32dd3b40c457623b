package se.legitimera.smartcard.pcsc;

import java.util.List;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.PinStatus;
import se.legitimera.smartcard.api.SignatureResult;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.idprime.IdPrimeKeys;
import se.legitimera.smartcard.pkcs11.SignatureScheme;

/**
 * Certificates and signing on the card in one reader, each call run on that reader's thread in its own
 * exclusive session, like {@link ReaderPins}. Certificates are read once per card insertion.
 */
final class ReaderKeys implements CardKeys {

    private final PcscCardMonitor monitor;
    private final String reader;
    private final CardReading reading;

    ReaderKeys(PcscCardMonitor monitor, String reader, CardReading reading) {
        this.monitor = monitor;
        this.reader = reader;
        this.reading = reading;
    }

    @Override
    public List<CardCertificate> certificates() throws SmartcardException {
        PcscCardMonitor.ReaderAccess access = monitor.access(reader);
        if (access.certificates().isPresent()) {
            return access.certificates().get();
        }
        List<CardCertificate> read = access.run(line -> reading.inSession(line,
                session -> IdPrimeKeys.over(session.profile(), session.transport()).certificates(), result -> false));
        monitor.certificatesRead(reader, access.generation(), read);
        return read;
    }

    @Override
    public SignatureResult sign(CardCertificate certificate, SignatureScheme scheme, byte[] data, char[] pin)
            throws SmartcardException {
        // Reset after anything that may have left a PIN verified, even a failure after the VERIFY.
        return monitor.access(reader).run(line -> reading.inSession(line, session -> {
            SignatureResult result = IdPrimeKeys.over(session.profile(), session.transport())
                    .sign(certificate, scheme, data, pin);
            if (ReaderPins.countersMayHaveChanged(result.status())) {
                try {
                    monitor.pinTriesChanged(reader, reading.counters(reader, session));
                } catch (SmartcardException e) {
                    // The signing result stands; the card went away right after it.
                }
            }
            return result;
        }, result -> result.status() != PinStatus.NOT_SUPPORTED && result.status() != PinStatus.INVALID_FORMAT,
                true));
    }
}
