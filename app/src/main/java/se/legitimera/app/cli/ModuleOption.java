package se.legitimera.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import se.legitimera.smartcard.pkcs11.ModuleLocator;

/** {@code --module PATH} for every command that reaches PKCS#11. */
final class ModuleOption {

    @Option(names = "--module", paramLabel = "PATH",
            description = "PKCS#11 module to use (repeatable). When given, only these modules are loaded;"
                    + " otherwise the usual OpenSC, SafeNet and Net iD locations are searched.")
    private List<Path> modules = new ArrayList<>();

    ModuleLocator locator() {
        ModuleLocator.Builder builder = ModuleLocator.builder().withDefaults(modules.isEmpty());
        modules.forEach(builder::withModule);
        return builder.build();
    }

    /** Paths to load: explicit ones even when missing (so the user hears why), else the present defaults. */
    List<Path> paths() {
        ModuleLocator locator = locator();
        return modules.isEmpty() ? locator.present() : locator.candidates();
    }
}
