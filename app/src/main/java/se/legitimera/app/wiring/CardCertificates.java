package se.legitimera.app.wiring;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.tray.TrayPresenter;
import se.legitimera.app.ui.main.CertificateOverview;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardEvent;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.cert.CertificateUsage;
import se.legitimera.smartcard.cert.IssuerLocator;
import se.legitimera.smartcard.cert.RevocationChecker;
import se.legitimera.smartcard.cert.RevocationStatus;
import se.legitimera.smartcard.cert.SithsCertificate;
import se.legitimera.smartcard.cert.SithsCertificateReader;

/**
 * Reads the certificates of each card that arrives and shows them: first as read (revocation not checked
 * yet), then with the OCSP answer, which is UNKNOWN when the responder cannot be reached or the issuing CA
 * cannot be found (configured, or at the certificate's AIA). Certificates near expiry are handed to the tray's notice. Hears the card monitor's events;
 * the reading and checking run on {@code background}, never on the event or FX thread.
 */
public final class CardCertificates implements Consumer<CardEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(CardCertificates.class);

    private final CardMonitor monitor;
    private final SithsCertificateReader reader;
    private final RevocationChecker revocation;
    private final IssuerLocator issuers;
    private final Executor background;
    private final BiConsumer<String, List<CertificateOverview>> show;
    private final Optional<TrayPresenter> tray;
    private final ResourceBundle messages;

    /**
     * @param issuers      finds the issuing CA that OCSP requests name (a card holds none)
     * @param show         receives the reader and its card's certificates, identification first, e.g.
     *                     {@link CardEventRelay#certificatesRead}
     * @param messages     names the certificates' use in the tray's expiry notice
     */
    public CardCertificates(CardMonitor monitor, SithsCertificateReader reader, RevocationChecker revocation,
                            IssuerLocator issuers, Executor background,
                            BiConsumer<String, List<CertificateOverview>> show, Optional<TrayPresenter> tray,
                            ResourceBundle messages) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
        this.background = Objects.requireNonNull(background, "background");
        this.show = Objects.requireNonNull(show, "show");
        this.tray = Objects.requireNonNull(tray, "tray");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public void accept(CardEvent event) {
        if (event instanceof CardEvent.CardInserted inserted) {
            String cardReader = inserted.reader();
            background.execute(() -> read(cardReader));
        }
    }

    private void read(String cardReader) {
        List<SithsCertificate> read = new ArrayList<>();
        try {
            for (CardCertificate certificate : monitor.keys(cardReader).certificates()) {
                read.add(reader.read(certificate.x509()));
            }
        } catch (SmartcardException | IllegalArgumentException e) {
            LOG.warn("Could not read the certificates of the card in {}: {}", cardReader, e.getMessage());
            return;
        }
        List<SithsCertificate> shown = read.stream().filter(c -> c.usage() != CertificateUsage.OTHER)
                .sorted((a, b) -> a.usage().compareTo(b.usage())).toList();
        show.accept(cardReader, shown.stream().map(c -> overview(c, CertificateOverview.Revocation.NOT_CHECKED))
                .toList());
        tray.ifPresent(presenter -> shown.forEach(c -> presenter.certificateSeen(
                c.x509().getIssuerX500Principal().getName() + "#" + c.x509().getSerialNumber(),
                messages.getString(c.usage() == CertificateUsage.IDENTIFICATION
                        ? "pin.role.identification" : "pin.role.signature"),
                validTo(c))));
        show.accept(cardReader, shown.stream().map(c -> overview(c, checked(c))).toList());
    }

    private CertificateOverview.Revocation checked(SithsCertificate certificate) {
        Optional<X509Certificate> issuer = issuers.issuerOf(certificate.x509());
        if (issuer.isEmpty()) {
            LOG.info("No issuing CA known for {}: revocation not checked", certificate.issuerCommonName());
            return CertificateOverview.Revocation.UNKNOWN;
        }
        RevocationStatus status = revocation.check(certificate.x509(), issuer.get()).status();
        return switch (status) {
            case GOOD -> CertificateOverview.Revocation.GOOD;
            case REVOKED -> CertificateOverview.Revocation.REVOKED;
            case UNKNOWN -> CertificateOverview.Revocation.UNKNOWN;
        };
    }

    static CertificateOverview overview(SithsCertificate certificate, CertificateOverview.Revocation revocation) {
        return new CertificateOverview(certificate.usage() == CertificateUsage.SIGNATURE
                ? CertificateOverview.Usage.SIGNATURE : CertificateOverview.Usage.IDENTIFICATION,
                certificate.holderName(), certificate.hsaId().orElse(""), certificate.issuerCommonName(),
                validTo(certificate), trustLevel(certificate), revocation);
    }

    private static LocalDate validTo(SithsCertificate certificate) {
        return certificate.notAfter().atZone(ZoneId.systemDefault()).toLocalDate();
    }

    private static Optional<Integer> trustLevel(SithsCertificate certificate) {
        // The table names levels "LoA3"; the window shows the number.
        String digits = certificate.trustLevel().level().replaceAll("\\D", "");
        return digits.isEmpty() || digits.length() > 1 ? Optional.empty() : Optional.of(Integer.parseInt(digits));
    }
}
