package se.legitimera.smartcard.pkcs11;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One loaded and initialised PKCS#11 module (a middleware library such as OpenSC or SafeNet), with the
 * tokens present in its slots. Thread-safe. Several modules may be open at once; each module file is
 * initialised once per instance and finalised on {@link #close()} only if this instance initialised it
 * (so a SunPKCS11 provider sharing the library keeps working).
 */
public interface Pkcs11Module extends AutoCloseable {

    /** C_GetInfo, read when the module was loaded. */
    ModuleInfo info();

    /** The configured way to unblock a PIN with a PUK through this module. */
    UnblockStyle unblockStyle();

    /**
     * All slots (readers), with or without a token.
     *
     * @throws Pkcs11Exception when the module fails
     */
    List<SlotInfo> slots() throws Pkcs11Exception;

    /**
     * The tokens present now, in slot order. A token that stays in its slot is the same {@link Token}
     * instance across calls (so it keeps its one session); a removed token's instance stops working.
     *
     * @throws Pkcs11Exception when the module fails
     */
    List<Token> tokens() throws Pkcs11Exception;

    /** Closes every session, finalises the module if this instance initialised it. Idempotent. */
    @Override
    void close();

    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Pkcs11Module}; not thread-safe, use once. */
    final class Builder {
        private Path library;
        private UnblockStyle unblockStyle = UnblockStyle.NOT_SUPPORTED;

        private Builder() {
        }

        /** The module file, e.g. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so (see {@link ModuleLocator}). */
        public Builder withLibrary(Path library) {
            this.library = Objects.requireNonNull(library, "library");
            return this;
        }

        /** How PUK unblock works with this module; default {@link UnblockStyle#NOT_SUPPORTED}. */
        public Builder withUnblockStyle(UnblockStyle unblockStyle) {
            this.unblockStyle = Objects.requireNonNull(unblockStyle, "unblockStyle");
            return this;
        }

        /**
         * Loads the library, reads its function list and calls C_Initialize (CKF_OS_LOCKING_OK).
         *
         * @throws ModuleLoadException when the file is missing or not a working PKCS#11 module
         */
        public Pkcs11Module build() throws ModuleLoadException {
            if (library == null) {
                throw new IllegalStateException("withLibrary(...) is required");
            }
            return CryptokiModule.open(library, CkLayout.current(), unblockStyle);
        }
    }
}
