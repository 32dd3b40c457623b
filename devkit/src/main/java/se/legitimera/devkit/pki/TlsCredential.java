package se.legitimera.devkit.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A TLS server key with its certificate chain ({@code [server, issuing CA, root CA]}).
 */
public record TlsCredential(PrivateKey key, List<X509Certificate> chain) {

    public TlsCredential {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty chain");
        }
    }

    /** The server certificate, first in the chain. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /**
     * An in-memory PKCS#12 key store holding the key and chain under {@code alias}, ready for a
     * {@code KeyManagerFactory}.
     *
     * @param password key and store password; the caller owns and wipes it
     */
    public KeyStore toKeyStore(String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new TestPkiException("cannot build a key store for the TLS credential", e);
        }
    }
}
