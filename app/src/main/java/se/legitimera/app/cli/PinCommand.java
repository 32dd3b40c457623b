package se.legitimera.app.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import se.legitimera.app.settings.CardProfilePolicy;
import se.legitimera.app.cli.SecretInput.InputEndedException;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardRemovedException;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.NoCardException;
import se.legitimera.smartcard.api.NoReaderException;
import se.legitimera.smartcard.api.PinKind;
import se.legitimera.smartcard.api.PinResult;
import se.legitimera.smartcard.api.PinSpec;
import se.legitimera.smartcard.api.PukSpec;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.api.ServiceUnavailableException;
import se.legitimera.smartcard.api.SmartcardException;
import se.legitimera.smartcard.api.TriesLeft;
import se.legitimera.smartcard.api.UnsupportedCardException;
import se.legitimera.smartcard.pin.PinPolicy;
import se.legitimera.smartcard.pin.PinPolicyViolation;

/**
 * {@code legitimera pin change|unblock}: changes a PIN, or unblocks it with the PUK, by APDU on the card.
 * Secrets are read without echo (console) or one per line ({@code --stdin}), never from the command line.
 */
@Command(name = "pin",
        mixinStandardHelpOptions = true,
        description = "Changes a PIN, or unblocks a blocked PIN with the PUK from the PIN letter.")
public final class PinCommand {

    /** Which PIN, as typed on the command line. */
    enum PinChoice {
        auth(PinKind.IDENTIFICATION), sign(PinKind.SIGNATURE);

        final PinKind kind;

        PinChoice(PinKind kind) {
            this.kind = kind;
        }
    }

    @Option(names = "--pin", defaultValue = "auth", paramLabel = "auth|sign", scope = ScopeType.INHERIT,
            description = "auth = identification PIN (Legitimering, default), sign = signature PIN (Underskrift).")
    private PinChoice pin;

    @Option(names = "--reader", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The reader with the card; needed when several readers hold cards.")
    private String reader;

    @Option(names = "--stdin", scope = ScopeType.INHERIT,
            description = "Read the PINs and PUK from standard input, one per line, instead of the console.")
    private boolean stdin;

    @Spec
    private CommandSpec spec;

    private final Supplier<CardMonitor> monitors;
    private final InputStream in;
    private final Console console;

    /** Works on the system's PC/SC service and this process's console or standard input. */
    public PinCommand() {
        this(() -> CardMonitor.builder().withProfiles(CardProfilePolicy.forThisMachine()).build(), System.in,
                System.console());
    }

    PinCommand(Supplier<CardMonitor> monitors, InputStream in, Console console) {
        this.monitors = monitors;
        this.in = in;
        this.console = console;
    }

    @Command(name = "change", mixinStandardHelpOptions = true,
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Done.", "2:Invalid command line, no console without --stdin, or several cards.",
                "3:Wrong PIN or PUK.", "4:PIN or PUK blocked.", "5:No reader or no card, or the card was removed.",
                "6:Card or PIN not supported.", "7:PC/SC service not running.",
                "8:New PIN or PUK breaks the rules; nothing was sent to the card.", "9:Cancelled: the input ended.",
                "10:The card could not be reached (another program holds it, or a reader error)."},
            description = {"Changes a PIN. Asks for the current PIN, then the new one twice.",
                "A new PIN has the card's number of digits (SITHS: 6 to 8) and is not a run like 123456."})
    int change() throws InterruptedException {
        return run(this::changePin);
    }

    @Command(name = "unblock", mixinStandardHelpOptions = true,
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Done.", "2:Invalid command line, no console without --stdin, or several cards.",
                "3:Wrong PIN or PUK.", "4:PIN or PUK blocked.", "5:No reader or no card, or the card was removed.",
                "6:Card or PIN not supported.", "7:PC/SC service not running.",
                "8:New PIN or PUK breaks the rules; nothing was sent to the card.", "9:Cancelled: the input ended.",
                "10:The card could not be reached (another program holds it, or a reader error)."},
            description = {"Unblocks a blocked PIN with the PUK (8 digits, from the PIN letter) and sets a new PIN.",
                "Careful: after 10 wrong PUKs the card is blocked for good."})
    int unblock() throws InterruptedException {
        return run(this::unblockPin);
    }

    @FunctionalInterface
    private interface Operation {
        int run(CardMonitor monitor, CardStatus card, PinSpec pinSpec, SecretInput secrets)
                throws SmartcardException, IOException, InputEndedException;
    }

    private int run(Operation operation) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        SecretInput secrets;
        if (stdin) {
            secrets = SecretInput.lines(in, stdinCharset(), err);
        } else if (console != null) {
            secrets = SecretInput.console(console);
        } else {
            err.println("No console to ask for the PIN without echo: use --stdin to read it from standard input.");
            return ExitCodes.USAGE;
        }
        try (CardMonitor monitor = monitors.get()) {
            monitor.start(event -> { });
            MonitorSnapshot snapshot = monitor.awaitFirstScan(StatusCommand.SCAN_TIMEOUT);
            if (!snapshot.serviceAvailable()) {
                err.println("The PC/SC service is not running (" + snapshot.problem() + ").");
                return ExitCodes.SERVICE_DOWN;
            }
            CardChoice choice = chooseCard(snapshot, err);
            if (choice.card().isEmpty()) {
                return choice.exitCode();
            }
            Optional<CardStatus> card = choice.card();
            Optional<PinSpec> pinSpec = card.get().profile().pin(pin.kind);
            if (!card.get().profile().supportsPinApdus() || pinSpec.isEmpty()) {
                err.println(card.get().profile().supportsPinApdus()
                        ? "This card (" + card.get().profile().type().displayName() + ") has no "
                                + pin.kind.cardLabel() + " PIN."
                        : "Legitimera cannot change PINs on this card (unknown type, ATR " + card.get().atr().hex()
                                + "); use the card issuer's tool.");
                return ExitCodes.UNSUPPORTED;
            }
            err.println(card.get().profile().type().displayName() + " in " + card.get().reader() + ", PIN "
                    + pin.kind.cardLabel() + ": " + StatusCommand.tries(card.get().pinTries().get(pin.kind)));
            return operation.run(monitor, card.get(), pinSpec.get(), secrets);
        } catch (InputEndedException e) {
            err.println("Cancelled: the input ended.");
            return ExitCodes.CANCELLED;
        } catch (IOException e) {
            err.println("Cannot read the input: " + e.getMessage());
            return ExitCodes.CANCELLED;
        } catch (SmartcardException e) {
            err.println(failureText(e));
            return exitCode(e);
        }
    }

    /** The card to work on, or why there is none (as an exit code, the reason already printed). */
    private record CardChoice(Optional<CardStatus> card, int exitCode) {
        static CardChoice none(int exitCode) {
            return new CardChoice(Optional.empty(), exitCode);
        }
    }

    private CardChoice chooseCard(MonitorSnapshot snapshot, PrintWriter err) {
        List<ReaderStatus> candidates = new ArrayList<>();
        for (ReaderStatus status : snapshot.readers()) {
            if (reader == null ? status.cardPresent() : status.name().equals(reader)) {
                candidates.add(status);
            }
        }
        if (candidates.isEmpty()) {
            err.println(reader == null ? "No card in any reader." : "No reader named '" + reader + "'. Readers: "
                    + snapshot.readers().stream().map(ReaderStatus::name).toList());
            return CardChoice.none(ExitCodes.NO_CARD);
        }
        if (candidates.size() > 1) {
            err.println("Cards in several readers: choose one with --reader. Readers: "
                    + candidates.stream().map(ReaderStatus::name).toList());
            return CardChoice.none(ExitCodes.USAGE);
        }
        ReaderStatus chosen = candidates.getFirst();
        if (chosen.card().isEmpty()) {
            err.println(chosen.cardPresent() ? "The card in '" + chosen.name() + "' could not be read; is another "
                    + "program using it?" : "No card in '" + chosen.name() + "'.");
            return CardChoice.none(chosen.cardPresent() ? ExitCodes.CARD_UNREACHABLE : ExitCodes.NO_CARD);
        }
        return new CardChoice(chosen.card(), ExitCodes.OK);
    }

    private int changePin(CardMonitor monitor, CardStatus card, PinSpec pinSpec, SecretInput secrets)
            throws SmartcardException, IOException, InputEndedException {
        TriesLeft tries = card.pinTries().get(pin.kind);
        if (tries != null && tries.blocked()) {
            spec.commandLine().getErr().println("The PIN is blocked: unblock it with the PUK (legitimera pin unblock).");
            return ExitCodes.BLOCKED;
        }
        char[] current = null;
        char[] newPin = null;
        char[] confirmation = null;
        try {
            current = secrets.read("Current " + pin.kind.cardLabel() + " PIN");
            newPin = secrets.read("New PIN");
            confirmation = secrets.read("New PIN again");
            Set<PinPolicyViolation> violations = new PinPolicy(pinSpec.format())
                    .checkNewPin(current, newPin, confirmation);
            if (!violations.isEmpty()) {
                return rejected(violations, pinSpec);
            }
            return report(monitor.pins(card.reader()).change(pin.kind, current, newPin), "PIN changed.");
        } finally {
            wipe(current, newPin, confirmation);
        }
    }

    private int unblockPin(CardMonitor monitor, CardStatus card, PinSpec pinSpec, SecretInput secrets)
            throws SmartcardException, IOException, InputEndedException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<PukSpec> pukSpec = card.profile().puk();
        if (pukSpec.isEmpty()) {
            err.println("This card has no PUK that Legitimera can use.");
            return ExitCodes.UNSUPPORTED;
        }
        Optional<TriesLeft> pukTries = card.pukTries();
        if (pukTries.isPresent() && pukTries.get().blocked()) {
            err.println("The PUK is blocked: the card cannot be unblocked any more. Contact your card issuer.");
            return ExitCodes.BLOCKED;
        }
        pukTries.ifPresent(t -> err.println("PUK: " + StatusCommand.tries(t)));
        char[] puk = null;
        char[] newPin = null;
        char[] confirmation = null;
        try {
            puk = secrets.read("PUK");
            newPin = secrets.read("New PIN");
            confirmation = secrets.read("New PIN again");
            Set<PinPolicyViolation> pukViolations = PinPolicy.checkPuk(puk, pukSpec.get().format());
            if (!pukViolations.isEmpty()) {
                err.println("The PUK has " + pukSpec.get().format().minLength() + " digits; nothing was sent to the card.");
                return ExitCodes.PIN_RULES;
            }
            Set<PinPolicyViolation> violations = new PinPolicy(pinSpec.format()).checkNewPin(null, newPin, confirmation);
            if (!violations.isEmpty()) {
                return rejected(violations, pinSpec);
            }
            return report(monitor.pins(card.reader()).unblock(pin.kind, puk, newPin), "PIN unblocked and set.");
        } finally {
            wipe(puk, newPin, confirmation);
        }
    }

    private int rejected(Set<PinPolicyViolation> violations, PinSpec pinSpec) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("The new PIN was not accepted; nothing was sent to the card:");
        for (PinPolicyViolation violation : violations) {
            err.println("  - " + PinTexts.violation(violation, pinSpec.format()));
        }
        return ExitCodes.PIN_RULES;
    }

    private int report(PinResult result, String success) {
        PrintWriter out = result.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr();
        out.println(result.ok() ? success : PinTexts.result(result));
        out.flush();
        return switch (result.status()) {
            case OK -> ExitCodes.OK;
            case WRONG_PIN, WRONG_PUK -> ExitCodes.WRONG_PIN;
            case PIN_BLOCKED, PUK_BLOCKED -> ExitCodes.BLOCKED;
            case INVALID_FORMAT -> ExitCodes.PIN_RULES;
            case CARD_REMOVED -> ExitCodes.NO_CARD;
            case NOT_SUPPORTED -> ExitCodes.UNSUPPORTED;
        };
    }

    private static String failureText(SmartcardException e) {
        return switch (e) {
            case ServiceUnavailableException s -> "The PC/SC service stopped.";
            case NoReaderException s -> "The reader went away.";
            case NoCardException s -> "No card in the reader.";
            case CardRemovedException s -> "The card was removed.";
            case UnsupportedCardException s -> "Not supported by this card: " + s.getMessage();
            default -> "The card could not be reached: " + e.getMessage();
        };
    }

    private static int exitCode(SmartcardException e) {
        return switch (e) {
            case ServiceUnavailableException s -> ExitCodes.SERVICE_DOWN;
            case NoReaderException s -> ExitCodes.NO_CARD;
            case NoCardException s -> ExitCodes.NO_CARD;
            case CardRemovedException s -> ExitCodes.NO_CARD;
            case UnsupportedCardException s -> ExitCodes.UNSUPPORTED;
            default -> e.retriable() ? ExitCodes.CARD_UNREACHABLE : ExitCodes.UNEXPECTED;
        };
    }

    private static Charset stdinCharset() {
        String encoding = System.getProperty("stdin.encoding");
        return encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
    }

    private static void wipe(char[]... secrets) {
        for (char[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }
}
