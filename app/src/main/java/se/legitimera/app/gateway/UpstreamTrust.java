package se.legitimera.app.gateway;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Checks the upstream's certificate against the system trust store plus the configured CAs, and tells an
 * untrusted chain apart from a host name mismatch so that the browser gets the right page.
 */
final class UpstreamTrust extends X509ExtendedTrustManager {

    /** Thrown inside the handshake; the connector finds it in the cause chain. */
    static final class UpstreamCertificateException extends CertificateException {
        private final TunnelFailure failure;

        UpstreamCertificateException(TunnelFailure failure, CertificateException cause) {
            super(cause.getMessage(), cause);
            this.failure = failure;
        }

        TunnelFailure failure() {
            return failure;
        }
    }

    private final X509ExtendedTrustManager pkix;

    private UpstreamTrust(X509ExtendedTrustManager pkix) {
        this.pkix = pkix;
    }

    static UpstreamTrust create(boolean systemTrust, List<X509Certificate> extra) throws GeneralSecurityException {
        List<X509Certificate> anchors = new ArrayList<>(extra);
        if (systemTrust) {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            for (TrustManager tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    anchors.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("Cannot create an empty trust store", e);
        }
        int i = 0;
        for (X509Certificate anchor : anchors) {
            store.setCertificateEntry("anchor-" + i++, anchor);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager extended) {
                return new UpstreamTrust(extended);
            }
        }
        throw new GeneralSecurityException("The PKIX trust manager factory gave no X509ExtendedTrustManager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServer(chain, authType, () -> pkix.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServer(chain, authType, () -> pkix.checkServerTrusted(chain, authType, engine));
    }

    /** The PKIX check of the socket's or engine's endpoint, which includes the HTTPS host name check. */
    @FunctionalInterface
    private interface EndpointCheck {
        void check() throws CertificateException;
    }

    private void checkServer(X509Certificate[] chain, String authType, EndpointCheck endpoint)
            throws CertificateException {
        checkChain(chain, authType);
        try {
            // Same chain again, now with the endpoint identification (HTTPS host name check).
            endpoint.check();
        } catch (CertificateException e) {
            throw new UpstreamCertificateException(TunnelFailure.UPSTREAM_HOSTNAME_MISMATCH, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // Without a socket there is no host to check: refuse rather than skip the host name check.
        throw new CertificateException("The upstream is only checked together with its host name");
    }

    private void checkChain(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new UpstreamCertificateException(TunnelFailure.UPSTREAM_UNTRUSTED, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("The gateway is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("The gateway is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("The gateway is a TLS client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
