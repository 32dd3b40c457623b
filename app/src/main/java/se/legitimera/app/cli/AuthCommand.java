package se.legitimera.app.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import se.legitimera.oob.AutoStartLink;
import se.legitimera.oob.CancelReason;
import se.legitimera.oob.InvalidAutoStartLinkException;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobClientBuilder;
import se.legitimera.oob.OobException;
import se.legitimera.oob.Order;
import se.legitimera.oob.OrderCancelledException;
import se.legitimera.oob.OrderExpiredException;
import se.legitimera.oob.OrderNotFoundException;
import se.legitimera.oob.OrderSignatureInvalidException;
import se.legitimera.oob.OriginNotAllowedException;
import se.legitimera.oob.ProofRejectedException;
import se.legitimera.oob.ProofSigner;
import se.legitimera.oob.ProofSigningException;
import se.legitimera.oob.ServiceCertificateUntrustedException;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.ServiceUnavailableException;
import se.legitimera.oob.TlsInterceptionDetectedException;
import se.legitimera.smartcard.api.CardMonitor;

/**
 * {@code legitimera auth URL}: completes an out-of-band login from a terminal, with the same checks and
 * texts as the login dialog.
 */
@Command(name = "auth",
        mixinStandardHelpOptions = true,
        description = {"Completes a login (a legitimera://auth link) from the terminal, as the login dialog does.",
            "Signs with the identification key of the SITHS card in the reader (PIN: Legitimering)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Logged in.",
            "2:Invalid command line or link, no console without --stdin, or cards in several readers (use --reader).",
            "3:Wrong PIN (the order stays pending).",
            "4:PIN blocked.",
            "5:No reader or no card, or the card was removed.",
            "6:The card cannot sign this way.",
            "7:The PC/SC service or the authentication service is not running.",
            "9:Cancelled: no PIN was given.",
            "10:The card could not be reached (another program holds it, or a card error).",
            "14:Refused before signing: service not allowed, TLS interception, untrusted service, forged order.",
            "15:The order failed: expired, cancelled, unknown, or the proof was refused."})
public final class AuthCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Parameters(index = "0", paramLabel = "URL", description = "The legitimera://auth?service=...&token=... link.")
    private String url;

    @Option(names = "--stdin", description = "Read the PIN from the first line of standard input instead of the terminal.")
    private boolean stdin;

    @Option(names = "--trust", paramLabel = "PEM", description = "Also trust the service certificate(s) in this PEM file, for this run only; CA certificates in it also complete the card certificate's chain.")
    private List<Path> trust = new ArrayList<>();

    @Option(names = "--allow", paramLabel = "ORIGIN", description = "Also allow this service origin (https://host[:port]), for this run only.")
    private List<String> allow = new ArrayList<>();

    @Option(names = "--reader", paramLabel = "NAME", description = "The reader with the card; needed when several readers hold cards.")
    private String reader;

    @Spec
    private CommandSpec spec;

    private final AuthEnvironment environment;

    /** Signs with the card in the system's PC/SC readers. */
    public AuthCommand() {
        this(AuthEnvironment.systemReaders());
    }

    public AuthCommand(AuthEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AutoStartLink link;
        OobClientBuilder builder = environment.baseClient().get();
        try {
            link = AutoStartLink.parse(url);
            for (String origin : allow) {
                builder.withAllowedOrigin(ServiceOrigin.parseServiceUrl(origin)); // an origin, or one service URL with its path
            }
            for (Path pem : trust) {
                readCertificates(pem).forEach(builder::withTrustedCertificate);
            }
        } catch (InvalidAutoStartLinkException | IllegalArgumentException e) {
            err.println("Ogiltig länk eller flagga: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException | CertificateException e) {
            err.println("Kan inte läsa certifikatet: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        PinReader pins;
        if (stdin) {
            pins = PinReader.firstLineOf(environment.stdin());
        } else {
            Console console = System.console();
            if (console == null) {
                err.println("Ingen terminal att fråga efter pinkoden i: använd --stdin.");
                return ExitCodes.USAGE;
            }
            pins = PinReader.terminal(console);
        }
        return switch (environment.card()) {
            case AuthEnvironment.CardAccess.Signers s -> fetchAndSign(builder, link, s.factory(), pins, out, err);
            case AuthEnvironment.CardAccess.Readers r -> {
                try (CardMonitor monitor = r.monitors().get()) {
                    CardSigners.Opened card = CardSigners.open(monitor, reader, trustedCertificates(), err);
                    yield card.signers().isPresent()
                            ? fetchAndSign(builder, link, card.signers().get(), pins, out, err)
                            : card.exitCode();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    yield ExitCodes.CANCELLED;
                }
            }
        };
    }

    private List<X509Certificate> trustedCertificates() {
        List<X509Certificate> all = new ArrayList<>();
        for (Path pem : trust) {
            try {
                all.addAll(readCertificates(pem));
            } catch (IOException | CertificateException e) {
                // read once already in call(); a file that vanished since only loses chain candidates
            }
        }
        return all;
    }

    private int fetchAndSign(OobClientBuilder builder, AutoStartLink link, ProofSignerFactory signers, PinReader pins,
            PrintWriter out, PrintWriter err) {
        try (OobClient client = builder.build()) {
            Order order = client.fetchOrder(link);
            show(order, out);
            return signAndPost(client, order, signers, pins, out, err);
        } catch (IllegalStateException e) {
            err.println("Ingen tjänst är tillåten: lägg till den i inställningarna eller med --allow.");
            return ExitCodes.USAGE;
        } catch (OobException e) {
            err.println(describe(e, link.service()));
            return exitCode(e);
        }
    }

    private int signAndPost(OobClient client, Order order, ProofSignerFactory signers, PinReader pins,
            PrintWriter out, PrintWriter err) throws OobException {
        while (true) {
            out.flush();
            char[] pin;
            try {
                pin = pins.read("Ange pinkod för SITHS-kort (Legitimering): ");
            } catch (IOException e) {
                err.println("Kunde inte läsa pinkoden: " + e.getMessage());
                return ExitCodes.CANCELLED;
            }
            try {
                if (pin.length == 0) {
                    client.cancel(order, CancelReason.USER_CANCEL);
                    err.println("Inloggningen avbröts.");
                    return ExitCodes.CANCELLED;
                }
                ProofSigner signer = signers.open(pin);
                client.complete(order, signer);
                out.println("Klart: du är inloggad hos " + order.rpName() + ".");
                return ExitCodes.OK;
            } catch (ProofSigningException e) {
                switch (e.reason()) {
                    case WRONG_PIN -> {
                        err.println(e.triesLeft().isPresent()
                                ? "Fel pinkod, " + e.triesLeft().getAsInt() + " försök kvar."
                                : "Fel pinkod.");
                        if (pins.interactive()) {
                            continue;
                        }
                        return ExitCodes.WRONG_PIN;
                    }
                    case PIN_BLOCKED -> {
                        client.cancel(order, CancelReason.PIN_BLOCKED);
                        err.println("Pinkoden är spärrad. Lås upp den med PUK-koden i Legitimera.");
                        return ExitCodes.BLOCKED;
                    }
                    case NO_CARD -> {
                        client.cancel(order, CancelReason.NO_CARD);
                        err.println("Inget SITHS-kort hittades. Sätt i kortet och försök igen.");
                        return ExitCodes.NO_CARD;
                    }
                    case CANCELLED -> {
                        client.cancel(order, CancelReason.USER_CANCEL);
                        err.println("Inloggningen avbröts.");
                        return ExitCodes.CANCELLED;
                    }
                    case CARD_ERROR -> {
                        err.println("Kortet kunde inte skriva under: " + e.getMessage());
                        return ExitCodes.CARD_UNREACHABLE;
                    }
                }
                throw new AssertionError(e.reason());
            } finally {
                Arrays.fill(pin, '\0');
            }
        }
    }

    private static void show(Order order, PrintWriter out) {
        out.println("Jag legitimerar mig hos " + order.rpName());
        out.println("  Tjänst:      " + order.service());
        out.println("  Webbplats:   " + order.rpOrigin());
        order.message().ifPresent(m -> out.println("  Meddelande:  " + m));
        order.requestedLoa().ifPresent(l -> out.println("  Tillitsnivå: " + l));
        out.println("  Giltig till: " + TIME.format(order.expiresAt().atZone(ZoneId.systemDefault())));
    }

    /** The one table from failures to the words the user reads; {@code service} is the link's. */
    static String describe(OobException e, ServiceOrigin service) {
        return switch (e) {
            case OriginNotAllowedException x -> "Inloggningstjänsten " + service + " är inte tillåten på den här "
                    + "datorn (inställningar eller policy; --allow för en körning). Ingenting skickades.";
            case TlsInterceptionDetectedException x -> "Anslutningen till " + service + " avlyssnas (TLS interception "
                    + "detected): tjänstens nyckel stämmer inte. Ingenting skickades.";
            case ServiceCertificateUntrustedException x -> "Tjänstens certifikat är inte betrott. Ingenting skickades.";
            case OrderSignatureInvalidException x -> "Beställningen är inte signerad av tjänsten och visas inte.";
            case OrderExpiredException x -> "Inloggningen tog för lång tid. Börja om från webbsidan.";
            case OrderCancelledException x -> "Inloggningen är avbruten eller redan klar.";
            case OrderNotFoundException x -> "Tjänsten känner inte till inloggningen (den har gått ut eller redan "
                    + "använts). Börja om från webbsidan.";
            case ProofRejectedException x -> "Tjänsten godtog inte legitimeringen"
                    + x.hintCode().map(h -> " (" + h.code() + ")").orElse("")
                    + x.serviceDetails().map(d -> ": " + d.replaceAll("[.]+$", "")).orElse("") + ".";
            case ServiceUnavailableException x -> "Tjänsten svarar inte. Försök igen senare.";
            default -> "Tjänsten svarade fel: " + e.getMessage();
        };
    }

    static int exitCode(OobException e) {
        return switch (e) {
            case OriginNotAllowedException x -> ExitCodes.SERVICE_REFUSED;
            case TlsInterceptionDetectedException x -> ExitCodes.SERVICE_REFUSED;
            case ServiceCertificateUntrustedException x -> ExitCodes.SERVICE_REFUSED;
            case OrderSignatureInvalidException x -> ExitCodes.SERVICE_REFUSED;
            case ServiceUnavailableException x -> ExitCodes.SERVICE_DOWN;
            case InvalidAutoStartLinkException x -> ExitCodes.USAGE;
            default -> ExitCodes.ORDER_FAILED;
        };
    }

    private static List<X509Certificate> readCertificates(Path pem) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(c -> certificates.add((X509Certificate) c));
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in " + pem);
            }
            return certificates;
        }
    }
}
