package se.legitimera.devkit;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import se.legitimera.devkit.card.CardSecrets;
import se.legitimera.devkit.card.PublishedAtr;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.TestPki;
import se.legitimera.devkit.vpcd.VpcdCardConnection;

/**
 * {@code card}: puts the virtual SITHS test card into a vpcd reader of pcscd and keeps it there.
 */
@Command(name = "card", mixinStandardHelpOptions = true,
        description = {
            "Inserts the virtual SITHS test card (IDPrime 940-like) into a vsmartcard vpcd reader of pcscd and keeps it inserted until the process is killed.",
            "On the card's first run (or with --reset) it prints the HSA-id and the PINs and PUK the card was created with: this is a test card, showing them is the point. Later runs show the tries left; the current PINs stay in STATE/secrets.",
            "When pcscd goes away, the card tries to insert itself again every second."})
final class CardCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--vpcd", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:35963",
            description = "vpcd reader to insert into: 35963 = \"Virtual PCD 00 00\", 35964 = \"Virtual PCD 00 01\" (default ${DEFAULT-VALUE})")
    private String vpcd;

    @Option(names = "--state", paramLabel = "DIR", description = "folder holding the card's keys, PINs and counters (default ~/.legitimera-devkit/card)")
    private Path state;

    @Option(names = "--pki", paramLabel = "DIR", description = "test PKI folder issuing the card's certificates (default ~/.legitimera-devkit/pki)")
    private Path pki;

    @Option(names = "--remove-after", paramLabel = "S", description = "remove the card after S seconds, then exit (unless --insert)")
    private Integer removeAfterSeconds;

    @Option(names = "--insert", description = "with --remove-after S: once removed, wait S seconds more, insert the card again and stay until killed")
    private boolean insertAgain;

    @Option(names = "--atr", paramLabel = "NAME", defaultValue = "IDPRIME_940",
            description = {"ATR the card presents, one published for IDPrime cards: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
                "The 840 ones (IDPRIME_MD_840, IDPRIME_MD_840_EID, SWEDISH_MCA) also give the 840's key layout (keys F7/F8 under PIN 11, no map 0005); IDPRIME_3940C and IDPRIME_3940_FIDO are T=1."})
    private PublishedAtr atr;

    @Option(names = "--reset", description = "throw away the card in --state and create a new one (new keys, certificates, PINs, PUK)")
    private boolean reset;

    @Override
    public Integer call() throws Exception {
        if (insertAgain && removeAfterSeconds == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--insert needs --remove-after S");
        }
        if (removeAfterSeconds != null && removeAfterSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--remove-after must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        InetSocketAddress address = VpcdCardConnection.parseAddress(vpcd);
        Path stateFolder = state != null ? state : Path.of(System.getProperty("user.home"), ".legitimera-devkit", "card");
        TestPki testPki = TestPki.openOrCreate(pki != null ? pki : TestPki.defaultFolder(), Clock.systemUTC());
        VirtualSithsCard.Builder builder = VirtualSithsCard.builder().withStateFolder(stateFolder).withPki(testPki)
                .withAtr(atr);
        VirtualSithsCard card = reset ? builder.createFresh() : builder.openOrCreate();
        describe(card, stateFolder, out);

        VpcdCardConnection connection;
        try {
            connection = VpcdCardConnection.connect(card, address);
        } catch (IOException e) {
            spec.commandLine().getErr().printf("vpcd does not answer at %s:%d (%s). Is pcscd running with vsmartcard-vpcd (pcscd -f as root)?%n",
                    address.getHostString(), address.getPort(), e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(connection::close));
        out.printf("Card inserted into vpcd at %s:%d.%n", address.getHostString(), address.getPort());
        out.flush();

        if (removeAfterSeconds != null) {
            stayInserted(connection, Duration.ofSeconds(removeAfterSeconds));
            connection.close();
            out.println("Card removed.");
            out.flush();
            if (!insertAgain) {
                return 0;
            }
            Thread.sleep(Duration.ofSeconds(removeAfterSeconds));
            insert(connection);
            out.println("Card inserted again.");
            out.flush();
        }
        stayInserted(connection, null);
        return 0;
    }

    /** Keeps the card in, re-inserting it after pcscd restarts, until {@code duration} (null: forever) is over. */
    private void stayInserted(VpcdCardConnection connection, Duration duration) throws InterruptedException {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            long left = Math.min(Duration.ofSeconds(1).toNanos(), deadline - System.nanoTime());
            if (connection.awaitDisconnected(Duration.ofNanos(Math.max(1, left)))) {
                Thread.sleep(Math.min(1000, Math.max(0, (deadline - System.nanoTime()) / 1_000_000L)));
                insert(connection);
            }
        }
    }

    private void insert(VpcdCardConnection connection) {
        try {
            connection.reconnect();
        } catch (IOException e) {
            spec.commandLine().getErr().println("vpcd not reachable yet (" + e.getMessage() + "); retrying");
            spec.commandLine().getErr().flush();
        }
    }

    private static void describe(VirtualSithsCard card, Path stateFolder, PrintWriter out) {
        out.println("Virtual SITHS card " + card.serialNumber() + " (" + card.holder().commonName() + ")");
        out.println("  HSA-id:  " + card.holder().hsaId());
        out.println("  subject: " + card.authenticationCertificate().getSubjectX500Principal());
        out.println("  state:   " + stateFolder.toAbsolutePath());
        out.println("  ATR:     " + card.presentedAtr().hex() + " (" + card.presentedAtr() + ", "
                + card.presentedAtr().protocol() + ")");
        if (card.createdNow()) {
            try (CardSecrets secrets = card.secrets()) {
                out.print("  Legitimeringskod (identification PIN, ref 11): ");
                out.println(secrets.identificationPin());
                out.print("  Underskriftskod (signature PIN, ref 83):       ");
                out.println(secrets.signaturePin());
                out.print("  PUK (ref 81):                                   ");
                out.println(secrets.puk());
            }
        } else {
            out.printf("  tries left: identification PIN %d/3, signature PIN %d/3, PUK %d/10%n",
                    card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN), card.triesLeft(VirtualSithsCard.SIGNATURE_PIN),
                    card.triesLeft(VirtualSithsCard.PUK));
        }
        out.flush();
    }
}
