package se.legitimera.oob.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import se.legitimera.oob.ServiceOrigin;
import se.legitimera.oob.SpkiPin;

/**
 * Server trust for the OOB client: the chain must pass the system trust store or the extra trusted
 * certificates (each with the JDK's own host name check), and then, when the origin has pins, contain a
 * pinned key. Both run inside the handshake, so a failure aborts it before any request byte is written.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

    /** The chain is trusted but its keys match none of the pins for that origin. */
    static final class PinMismatchException extends CertificateException {
        PinMismatchException(String message) {
            super(message);
        }
    }

    private final List<X509ExtendedTrustManager> delegates;
    /** Pins by host: a tunnel through a proxy reports the proxy's port as the peer port, never the host. */
    private final Map<String, Set<SpkiPin>> pinsByHost;

    PinningTrustManager(boolean systemTrustStore, List<X509Certificate> extraTrust,
                        Map<ServiceOrigin, Set<SpkiPin>> pins) throws GeneralSecurityException {
        List<X509ExtendedTrustManager> list = new ArrayList<>();
        if (systemTrustStore) {
            list.add(trustManager(null));
        }
        if (!extraTrust.isEmpty()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("cannot create an empty trust store", e);
            }
            for (int i = 0; i < extraTrust.size(); i++) {
                store.setCertificateEntry("trusted-" + i, extraTrust.get(i));
            }
            list.add(trustManager(store));
        }
        this.delegates = List.copyOf(list);
        Map<String, Set<SpkiPin>> byHost = new java.util.HashMap<>();
        pins.forEach((origin, keys) -> byHost.computeIfAbsent(origin.host(), h -> new java.util.HashSet<>()).addAll(keys));
        byHost.replaceAll((host, keys) -> Set.copyOf(keys));
        this.pinsByHost = Map.copyOf(byHost);
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager in " + factory.getAlgorithm());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServer(chain, delegate -> delegate.checkServerTrusted(chain, authType, socket),
                () -> socket instanceof SSLSocket s ? s.getHandshakeSession() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServer(chain, delegate -> delegate.checkServerTrusted(chain, authType, engine),
                () -> engine == null ? null : engine.getHandshakeSession());
    }

    /** One delegate's check of the server's chain, for the socket or engine at hand. */
    @FunctionalInterface
    private interface DelegateCheck {
        void check(X509ExtendedTrustManager delegate) throws CertificateException;
    }

    /**
     * Trusted when one delegate trusts the chain and the pins match; a pin mismatch ends the search, otherwise
     * the first delegate's failure is thrown.
     */
    private void checkServer(X509Certificate[] chain, DelegateCheck check, Supplier<SSLSession> session)
            throws CertificateException {
        CertificateException first = null;
        for (X509ExtendedTrustManager delegate : delegates) {
            try {
                check.check(delegate);
                checkPins(chain, session.get());
                return;
            } catch (PinMismatchException e) {
                throw e;
            } catch (CertificateException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // Without a session there is no peer to look pins up for: refuse rather than skip the pin check.
        throw new CertificateException("server trust needs the TLS session to check pins");
    }

    private void checkPins(X509Certificate[] chain, SSLSession session) throws CertificateException {
        if (session == null || session.getPeerHost() == null) {
            throw new CertificateException("no peer host in the handshake; cannot check pins");
        }
        String peer = session.getPeerHost();
        String host = new ServiceOrigin(peer.startsWith("[") && peer.endsWith("]")
                ? peer.substring(1, peer.length() - 1) : peer, 443).host(); // canonical: lower case, no brackets
        Set<SpkiPin> expected = pinsByHost.get(host);
        if (expected == null) {
            return;
        }
        boolean matched = Arrays.stream(chain).anyMatch(c -> expected.contains(SpkiPin.of(c.getPublicKey())));
        if (!matched) {
            throw new PinMismatchException("the key presented by " + host + " (" + SpkiPin.of(chain[0].getPublicKey())
                    + ") matches none of its " + expected.size() + " pinned keys");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the OOB client never accepts client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the OOB client never accepts client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the OOB client never accepts client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegates.stream().flatMap(d -> Arrays.stream(d.getAcceptedIssuers())).toArray(X509Certificate[]::new);
    }
}
