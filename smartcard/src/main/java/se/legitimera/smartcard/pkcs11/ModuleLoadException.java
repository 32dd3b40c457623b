package se.legitimera.smartcard.pkcs11;

import java.nio.file.Path;

/** A PKCS#11 module file is missing, not loadable, not a PKCS#11 module, or failed to initialise. */
public final class ModuleLoadException extends Pkcs11Exception {

    private final transient Path library;

    public ModuleLoadException(Path library, String reason) {
        super(library + ": " + reason);
        this.library = library;
    }

    public Path library() {
        return library;
    }
}
