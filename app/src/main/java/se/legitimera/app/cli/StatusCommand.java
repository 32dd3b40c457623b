package se.legitimera.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.legitimera.app.settings.CardProfilePolicy;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.TriesLeft;

/** {@code legitimera status}: the PC/SC service, readers, cards and PIN tries left, once. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The PC/SC service answers (with or without cards).", "7:PC/SC service not running."},
        description = {"Shows the PC/SC service, the readers, the card in each reader (type, ATR) and its PIN tries.",
            "Tries left for each PIN and the PUK; reading them costs no try."})
public final class StatusCommand implements Callable<Integer> {

    /** Long enough for pcscd to list readers and for every card to be read. */
    static final Duration SCAN_TIMEOUT = Duration.ofSeconds(5);

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    private final Supplier<CardMonitor> monitors;

    /** Looks at the system's PC/SC service. */
    public StatusCommand() {
        this(() -> CardMonitor.builder().withProfiles(CardProfilePolicy.forThisMachine()).build());
    }

    StatusCommand(Supplier<CardMonitor> monitors) {
        this.monitors = monitors;
    }

    @Override
    public Integer call() throws InterruptedException {
        MonitorSnapshot snapshot;
        try (CardMonitor monitor = monitors.get()) {
            monitor.start(event -> { });
            snapshot = monitor.awaitFirstScan(SCAN_TIMEOUT);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(StatusJson.of(snapshot));
        } else {
            printText(out, snapshot);
        }
        out.flush();
        return snapshot.serviceAvailable() ? ExitCodes.OK : ExitCodes.SERVICE_DOWN;
    }

    private static void printText(PrintWriter out, MonitorSnapshot snapshot) {
        if (!snapshot.serviceAvailable()) {
            out.println("PC/SC service: not available (" + snapshot.problem() + ")");
            return;
        }
        out.println("PC/SC service: available");
        if (snapshot.readers().isEmpty()) {
            out.println("No readers.");
        }
        for (ReaderStatus reader : snapshot.readers()) {
            out.println("Reader: " + reader.name());
            if (reader.card().isPresent()) {
                printCard(out, reader.card().get());
            } else {
                out.println(reader.cardPresent() ? "  Card: present, could not be read" : "  No card");
            }
        }
    }

    private static void printCard(PrintWriter out, CardStatus card) {
        out.println("  Card: " + card.profile().type().displayName() + " (profile " + card.profile().id()
                + (card.profile().atrConfirmed() ? "" : ", ATR UNCONFIRMED") + ")");
        out.println("  ATR: " + card.atr().hex());
        for (PinSpec pin : card.profile().pins()) {
            out.println("  PIN " + pin.kind().cardLabel() + ": " + tries(card.pinTries().get(pin.kind())));
        }
        card.pukTries().ifPresent(puk -> out.println("  PUK: " + tries(puk)));
        if (!card.profile().supportsPinApdus()) {
            out.println("  PINs: not read (unknown card: PKCS#11 only)");
        }
        if (!card.problem().isEmpty()) {
            out.println("  Problem: " + card.problem());
        }
    }

    static String tries(TriesLeft tries) {
        if (tries == null) {
            return "tries left unknown";
        }
        if (tries.blocked()) {
            return "blocked";
        }
        return tries.left() + " of " + tries.max() + " tries left";
    }
}
