package se.legitimera.smartcard.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginException;
import javax.net.ssl.X509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CardKeyStore} on a SunPKCS11 provider configured inline. */
final class SunPkcs11CardKeyStore implements CardKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(SunPkcs11CardKeyStore.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Provider provider;
    private final KeyStore keyStore;
    private final String alias;
    private final X509Certificate certificate;
    private final X509KeyManager keyManager;

    private SunPkcs11CardKeyStore(Provider provider, KeyStore keyStore, String alias, X509Certificate certificate) {
        this.provider = provider;
        this.keyStore = keyStore;
        this.alias = alias;
        this.certificate = certificate;
        this.keyManager = new CardKeyManager(keyStore, alias, certificate);
    }

    static CardKeyStore open(Path library, String slotLine, String tokenLabel, X509Certificate certificate,
            PinCallback pinCallback)
            throws TlsBridgeException {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new ProviderUnavailableException("SunPKCS11 provider missing (module jdk.crypto.cryptoki)", null);
        }
        String config = "--name = Legitimera-" + INSTANCES.incrementAndGet() + "\n"
                + "library = \"" + library.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n"
                + slotLine + "\n";
        Provider provider;
        try {
            provider = base.configure(config);
        } catch (RuntimeException e) {
            throw new ProviderUnavailableException("SunPKCS11 cannot use " + library + " (" + slotLine + "): "
                    + e.getMessage(), e);
        }
        CancelFlag cancelled = new CancelFlag();
        CallbackHandler handler = callbacks -> {
            for (Callback callback : callbacks) {
                if (!(callback instanceof PasswordCallback password)) {
                    throw new UnsupportedCallbackException(callback);
                }
                char[] pin;
                try {
                    pin = pinCallback.requestPin(tokenLabel);
                } catch (LoginCancelledException e) {
                    cancelled.set = true;
                    throw new IOException("PIN entry cancelled");
                }
                try {
                    password.setPassword(pin); // PasswordCallback keeps a copy and SunPKCS11 clears it after login
                } finally {
                    Arrays.fill(pin, '\0');
                }
            }
        };
        // JSSE finds a Signature for the card key through the installed providers (delayed provider
        // selection), so this instance must be installed; appended last, it never shadows the JDK's own.
        Security.addProvider(provider);
        KeyStore keyStore;
        try {
            keyStore = KeyStore.Builder.newInstance("PKCS11", provider, new KeyStore.CallbackHandlerProtection(handler))
                    .getKeyStore();
        } catch (KeyStoreException e) {
            Security.removeProvider(provider.getName());
            if (cancelled.set) {
                throw new LoginCancelledException();
            }
            throw new TokenLoginException("login to " + library.getFileName() + " failed: " + rootMessage(e), e);
        }
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias) && certificate.equals(keyStore.getCertificate(alias))) {
                    LOG.info("TLS client certificate ready from {} (alias {})", library.getFileName(), alias);
                    return new SunPkcs11CardKeyStore(provider, keyStore, alias, certificate);
                }
            }
        } catch (KeyStoreException e) {
            close(provider);
            throw new TokenLoginException("cannot read the key store: " + e.getMessage(), e);
        }
        close(provider);
        throw new CertificateNotOnTokenException("no key entry for " + certificate.getSubjectX500Principal()
                + " on the token");
    }

    private static final class CancelFlag {
        volatile boolean set;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            if (root instanceof LoginException) {
                break;
            }
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public KeyStore keyStore() {
        return keyStore;
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public X509KeyManager keyManager() {
        return keyManager;
    }

    @Override
    public void close() {
        close(provider);
    }

    private static void close(Provider provider) {
        Security.removeProvider(provider.getName());
        if (provider instanceof AuthProvider auth) {
            try {
                auth.logout();
            } catch (LoginException e) {
                LOG.debug("SunPKCS11 logout: {}", e.getMessage());
            }
        }
    }
}
