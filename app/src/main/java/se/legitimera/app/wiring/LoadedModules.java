package se.legitimera.app.wiring;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import se.legitimera.smartcard.pkcs11.ModuleInfo;
import se.legitimera.smartcard.pkcs11.ModuleLoadException;
import se.legitimera.smartcard.pkcs11.Pkcs11Exception;
import se.legitimera.smartcard.pkcs11.Pkcs11Module;
import se.legitimera.smartcard.pkcs11.Token;
import se.legitimera.smartcard.pkcs11.TokenCertificate;

/** The PKCS#11 modules one CLI run loaded, and what failed to load. */
public final class LoadedModules implements AutoCloseable {

    /** A token certificate and the token that holds it. */
    public record Found(Token token, TokenCertificate certificate) {
    }

    private final List<Pkcs11Module> modules = new ArrayList<>();
    private final List<ModuleLoadException> failures = new ArrayList<>();

    public static LoadedModules load(List<Path> paths) {
        LoadedModules loaded = new LoadedModules();
        for (Path path : paths) {
            try {
                loaded.modules.add(Pkcs11Module.builder().withLibrary(path).build());
            } catch (ModuleLoadException e) {
                loaded.failures.add(e);
            }
        }
        return loaded;
    }

    public List<Pkcs11Module> modules() {
        return modules;
    }

    public List<ModuleLoadException> failures() {
        return failures;
    }

    public void reportFailures(PrintWriter err) {
        failures.forEach(f -> err.println("warning: " + f.getMessage()));
    }

    /** Writes the load failures, and how to name a module when none loaded; true when at least one did. */
    public boolean reportLoaded(PrintWriter err) {
        reportFailures(err);
        if (modules.isEmpty()) {
            err.println("No PKCS#11 module found; name one with --module PATH.");
            return false;
        }
        return true;
    }

    /**
     * One line per module for the diagnostics report: path, maker, description and versions of each module
     * that loaded, then the reason for each that did not.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Pkcs11Module module : modules) {
            ModuleInfo info = module.info();
            lines.add(info.library() + " \u2013 " + info.manufacturer() + ", " + info.description() + " "
                    + info.libraryVersion() + " (PKCS#11 " + info.cryptokiVersion() + ")");
        }
        failures.forEach(failure -> lines.add(failure.getMessage()));
        return lines;
    }

    /** Every certificate on every token of every module, in module and slot order. */
    public List<Found> certificates() throws Pkcs11Exception {
        List<Found> found = new ArrayList<>();
        for (Pkcs11Module module : modules) {
            for (Token token : module.tokens()) {
                if (!token.info().initialized()) {
                    continue;
                }
                for (TokenCertificate certificate : token.certificates()) {
                    found.add(new Found(token, certificate));
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        modules.forEach(Pkcs11Module::close);
    }
}
