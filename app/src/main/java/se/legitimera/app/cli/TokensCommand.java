package se.legitimera.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import se.legitimera.app.wiring.LoadedModules;
import se.legitimera.smartcard.pkcs11.ModuleInfo;
import se.legitimera.smartcard.pkcs11.Pkcs11Exception;
import se.legitimera.smartcard.pkcs11.Pkcs11Module;
import se.legitimera.smartcard.pkcs11.SlotInfo;
import se.legitimera.smartcard.pkcs11.Token;
import se.legitimera.smartcard.pkcs11.TokenInfo;

/** {@code legitimera tokens}: PKCS#11 modules, their slots (readers) and tokens. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Lists the PKCS#11 modules found (with versions), their slots (readers) and the tokens in them.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Success (also when no token is present).",
            "1:Unexpected error (see the log).",
            "2:Invalid command line.",
            "5:No PKCS#11 module could be loaded, or a card was removed while it was read: try again."})
public final class TokensCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModuleOption moduleOption;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LoadedModules loaded = LoadedModules.load(moduleOption.paths())) {
            if (!loaded.reportLoaded(err)) {
                return ExitCodes.NO_CARD;
            }
            List<Object> modules = new ArrayList<>();
            for (Pkcs11Module module : loaded.modules()) {
                modules.add(describe(module));
            }
            if (json) {
                out.println(JsonText.of(Map.of("modules", modules)));
            } else {
                for (Pkcs11Module module : loaded.modules()) {
                    printText(out, module);
                }
            }
            return ExitCodes.OK;
        } catch (Pkcs11Exception e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    private static Map<String, Object> describe(Pkcs11Module module) throws Pkcs11Exception {
        ModuleInfo info = module.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("library", info.library().toString());
        m.put("manufacturer", info.manufacturer());
        m.put("description", info.description());
        m.put("libraryVersion", info.libraryVersion());
        m.put("cryptokiVersion", info.cryptokiVersion());
        List<Object> slots = new ArrayList<>();
        List<Token> tokens = module.tokens();
        for (SlotInfo slot : module.slots()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("slotId", slot.slotId());
            s.put("reader", slot.description());
            s.put("tokenPresent", slot.tokenPresent());
            s.put("removable", slot.removable());
            for (Token token : tokens) {
                if (token.slot().slotId() == slot.slotId()) {
                    s.put("token", describe(token.info()));
                }
            }
            slots.add(s);
        }
        m.put("slots", slots);
        return m;
    }

    private static Map<String, Object> describe(TokenInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", t.label());
        m.put("manufacturer", t.manufacturer());
        m.put("model", t.model());
        m.put("serialNumber", t.serialNumber());
        m.put("pinLength", Map.of("min", t.minPinLength(), "max", t.maxPinLength()));
        m.put("userPin", t.userPinCounter().name());
        m.put("flags", t.flagNames());
        return m;
    }

    private static void printText(PrintWriter out, Pkcs11Module module) throws Pkcs11Exception {
        ModuleInfo info = module.info();
        out.printf("Module %s%n  %s, %s %s (Cryptoki %s)%n", info.library(), info.manufacturer(), info.description(),
                info.libraryVersion(), info.cryptokiVersion());
        List<Token> tokens = module.tokens();
        for (SlotInfo slot : module.slots()) {
            out.printf("  Slot %d: %s%s%n", slot.slotId(), slot.description(), slot.tokenPresent() ? "" : " (empty)");
            for (Token token : tokens) {
                if (token.slot().slotId() == slot.slotId()) {
                    TokenInfo t = token.info();
                    out.printf("    Token \"%s\" %s %s, serial %s%n", t.label(), t.manufacturer(), t.model(), t.serialNumber());
                    out.printf("      PIN %d-%d characters, user PIN %s%n", t.minPinLength(), t.maxPinLength(),
                            t.userPinCounter());
                    out.printf("      Flags %s%n", String.join(" ", t.flagNames()));
                }
            }
        }
    }
}
