package se.legitimera.smartcard.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.X509KeyManager;

/**
 * A card certificate and its key, usable by JSSE for TLS client authentication, through the JDK's
 * SunPKCS11 provider: one provider instance per bridge, configured for one module and slot, logged in
 * once through a {@link PinCallback}. The key never leaves the card; every TLS handshake signs on it.
 * The provider is installed in {@link java.security.Security} (last) while the bridge is open, because JSSE
 * finds a signature implementation for the card key there. Thread-safe as far as SunPKCS11 is.
 */
public interface CardKeyStore extends AutoCloseable {

    /** The PKCS11 key store (logged in). */
    KeyStore keyStore();

    /** The alias of the chosen certificate in {@link #keyStore()}. */
    String alias();

    X509Certificate certificate();

    /** A key manager that offers only the chosen certificate, for {@code SSLContext.init}. */
    X509KeyManager keyManager();

    /** Logs the provider out and uninstalls it; the key manager stops working. */
    @Override
    void close();

    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CardKeyStore}. */
    final class Builder {
        private Path library;
        private Long slotId;
        private Integer slotListIndex;
        private X509Certificate certificate;
        private PinCallback pinCallback;
        private String tokenLabel;

        private Builder() {
        }

        /** The PKCS#11 module file. */
        public Builder withLibrary(Path library) {
            this.library = Objects.requireNonNull(library, "library");
            return this;
        }

        /** The slot by its PKCS#11 slot ID (as {@code Token.slot().slotId()} reports it). */
        public Builder withSlotId(long slotId) {
            this.slotId = slotId;
            this.slotListIndex = null;
            return this;
        }

        /** The slot by its index in C_GetSlotList. */
        public Builder withSlotListIndex(int slotListIndex) {
            this.slotListIndex = slotListIndex;
            this.slotId = null;
            return this;
        }

        /** The certificate to offer; the key store must hold a key entry with it. */
        public Builder withCertificate(X509Certificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /** The token label the PIN prompt names; default the module's file name. */
        public Builder withTokenLabel(String tokenLabel) {
            this.tokenLabel = Objects.requireNonNull(tokenLabel, "tokenLabel");
            return this;
        }

        public Builder withPinCallback(PinCallback pinCallback) {
            this.pinCallback = Objects.requireNonNull(pinCallback, "pinCallback");
            return this;
        }

        /**
         * Configures a SunPKCS11 provider, logs in (asking the callback for the PIN) and finds the certificate.
         *
         * @throws ProviderUnavailableException no SunPKCS11 or it cannot use the module/slot
         * @throws TokenLoginException wrong or blocked PIN, unreadable key store
         * @throws LoginCancelledException the user cancelled
         * @throws CertificateNotOnTokenException the certificate has no key entry
         */
        public CardKeyStore build() throws TlsBridgeException {
            if (library == null || certificate == null || pinCallback == null || (slotId == null && slotListIndex == null)) {
                throw new IllegalStateException("library, slot, certificate and pin callback are required");
            }
            String slot = slotId != null ? "slot = " + slotId : "slotListIndex = " + slotListIndex;
            return SunPkcs11CardKeyStore.open(library, slot,
                    tokenLabel != null ? tokenLabel : library.getFileName().toString(), certificate, pinCallback);
        }
    }
}
