package se.legitimera.smartcard.cert;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default trust (its cacerts, or {@code javax.net.ssl.trustStore}), loaded at the first TLS
 * handshake instead of when the HTTP client is built. AIA and OCSP locations are nearly always plain http,
 * and the JDK's default SSL context would parse the whole trust store (~150 CA certificates) for nothing
 * as soon as a card is read. Thread-safe.
 */
final class DeferredSystemTrust extends X509ExtendedTrustManager {

    private volatile X509ExtendedTrustManager system;

    /** A TLS context that trusts what the JDK's default context trusts, and presents no client certificate. */
    static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new DeferredSystemTrust()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }

    private X509ExtendedTrustManager system() throws CertificateException {
        X509ExtendedTrustManager loaded = system;
        if (loaded == null) {
            synchronized (this) {
                loaded = system;
                if (loaded == null) {
                    system = loaded = load();
                }
            }
        }
        return loaded;
    }

    private static X509ExtendedTrustManager load() throws CertificateException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                    .findFirst().orElseThrow(() -> new CertificateException("the JDK has no X.509 trust manager"));
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the system trust store cannot be read", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        system().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        system().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        system().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        system().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        system().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        system().checkClientTrusted(chain, authType);
    }

    /**
     * Empty: a client sends no certificate authorities, and answering this would load the trust store.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
