package se.legitimera.smartcard.pkcs11;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where PKCS#11 modules are looked for: explicit paths first (settings, machine policy, {@code --module}),
 * then the usual install places of OpenSC, SafeNet Authentication Client and Net iD on the running OS.
 * Immutable and thread-safe.
 */
public interface ModuleLocator {

    /** Every candidate path, explicit ones first, without duplicates. */
    List<Path> candidates();

    /** The candidates that exist as files now. */
    List<Path> present();

    static Builder builder() {
        return new Builder();
    }

    /** The operating systems with different default lists. */
    enum OperatingSystem {
        LINUX, MACOS, WINDOWS;

        /** The OS this JVM runs on (anything not Windows or macOS is treated as Linux). */
        public static OperatingSystem current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            if (name.startsWith("mac")) {
                return MACOS;
            }
            return LINUX;
        }
    }

    /** Builds a {@link ModuleLocator}. */
    final class Builder {
        private final List<Path> explicit = new ArrayList<>();
        private OperatingSystem os = OperatingSystem.current();
        private boolean defaults = true;
        private Predicate<Path> exists = Files::isRegularFile;

        private Builder() {
        }

        /** Adds a module path given by the user or by policy; checked before the defaults. */
        public Builder withModule(Path module) {
            explicit.add(Objects.requireNonNull(module, "module"));
            return this;
        }

        /** Whether to look in the default places too (default true; policy may pin one module only). */
        public Builder withDefaults(boolean defaults) {
            this.defaults = defaults;
            return this;
        }

        /** The OS whose defaults to use (default: the running one). */
        public Builder withOperatingSystem(OperatingSystem os) {
            this.os = Objects.requireNonNull(os, "os");
            return this;
        }

        /** How to test that a file exists (tests inject one). */
        public Builder withFileCheck(Predicate<Path> exists) {
            this.exists = Objects.requireNonNull(exists, "exists");
            return this;
        }

        public ModuleLocator build() {
            Set<Path> all = new LinkedHashSet<>(explicit);
            if (defaults) {
                all.addAll(DefaultModulePaths.forOs(os));
            }
            return new DefaultModuleLocator(List.copyOf(all), exists);
        }
    }
}
