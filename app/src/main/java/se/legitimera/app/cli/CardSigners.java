package se.legitimera.app.cli;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.legitimera.oob.card.CardProofSigner;
import se.legitimera.smartcard.api.CardCertificate;
import se.legitimera.smartcard.api.CardKeys;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.NoReaderException;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.ServiceUnavailableException;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.api.UnsupportedCardException;
import se.legitimera.smartcard.cert.IssuerLocator;

/**
 * Finds the card for {@code legitimera auth} among a monitor's readers and opens its identification key
 * as {@link CardProofSigner}s, one per PIN the user types.
 */
final class CardSigners {

    /** The signer factory, or the exit code whose reason was already printed. */
    record Opened(Optional<ProofSignerFactory> signers, int exitCode) {
        static Opened failed(int exitCode) {
            return new Opened(Optional.empty(), exitCode);
        }
    }

    private CardSigners() {
    }

    /**
     * Starts {@code monitor}, waits for its first scan and picks the single card (or the one in
     * {@code reader}); reads its certificates and takes the identification one, completing its chain from
     * {@code known} certificates (e.g. those of {@code --trust}) and the certificates' AIA, as the app does.
     */
    static Opened open(CardMonitor monitor, String reader, List<X509Certificate> known, PrintWriter err)
            throws InterruptedException {
        monitor.start(event -> { });
        MonitorSnapshot snapshot = monitor.awaitFirstScan(StatusCommand.SCAN_TIMEOUT);
        if (!snapshot.serviceAvailable()) {
            err.println("Kortläsartjänsten (PC/SC) är inte igång (" + snapshot.problem() + ").");
            return Opened.failed(ExitCodes.SERVICE_DOWN);
        }
        List<ReaderStatus> candidates = new ArrayList<>();
        for (ReaderStatus status : snapshot.readers()) {
            if (reader == null ? status.cardPresent() : status.name().equals(reader)) {
                candidates.add(status);
            }
        }
        if (candidates.isEmpty()) {
            err.println(reader == null ? "Inget SITHS-kort hittades. Sätt i kortet och försök igen."
                    : "Ingen kortläsare heter '" + reader + "'. Läsare: "
                            + snapshot.readers().stream().map(ReaderStatus::name).toList());
            return Opened.failed(ExitCodes.NO_CARD);
        }
        if (candidates.size() > 1) {
            err.println("Kort i flera läsare: choose with --reader. Läsare: "
                    + candidates.stream().map(ReaderStatus::name).toList());
            return Opened.failed(ExitCodes.USAGE);
        }
        ReaderStatus chosen = candidates.getFirst();
        if (!chosen.cardPresent()) {
            err.println("Inget kort i '" + chosen.name() + "'.");
            return Opened.failed(ExitCodes.NO_CARD);
        }
        CardKeys keys = monitor.keys(chosen.name());
        try {
            Optional<CardCertificate> identification = CardProofSigner.identificationCertificate(keys.certificates());
            if (identification.isEmpty()) {
                err.println("Kortet i '" + chosen.name() + "' har inget legitimeringscertifikat.");
                return Opened.failed(ExitCodes.NO_CARD);
            }
            CardCertificate certificate = identification.get();
            List<X509Certificate> issuers = IssuerLocator.builder().withKnownCertificates(known).build()
                    .chainOf(certificate.x509());
            return new Opened(Optional.of(pin -> CardProofSigner.withPin(keys, certificate, issuers, pin)), ExitCodes.OK);
        } catch (SmartcardException e) {
            err.println("Kortet kunde inte läsas: " + e.getMessage());
            return Opened.failed(switch (e) {
                case ServiceUnavailableException s -> ExitCodes.SERVICE_DOWN;
                case NoReaderException s -> ExitCodes.NO_CARD;
                case NoCardException s -> ExitCodes.NO_CARD;
                case CardRemovedException s -> ExitCodes.NO_CARD;
                case UnsupportedCardException s -> ExitCodes.UNSUPPORTED;
                default -> ExitCodes.CARD_UNREACHABLE;
            });
        }
    }
}
