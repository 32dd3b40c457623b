package se.legitimera.app.gateway;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Wraps the card's key manager: counts how often TLS fetches the private key (once per full handshake,
 * for its one CertificateVerify signature) and how often a server asked for a client certificate (also
 * when none fits its accepted issuers and none is sent), and stops handing the key out once the card was
 * removed.
 */
final class CountingKeyManager extends X509ExtendedKeyManager {

    private final X509KeyManager card;
    private final AtomicLong keyUses;
    private final AtomicLong certificateRequests;
    private volatile boolean revoked;

    CountingKeyManager(X509KeyManager card, AtomicLong keyUses, AtomicLong certificateRequests) {
        this.card = card;
        this.keyUses = keyUses;
        this.certificateRequests = certificateRequests;
    }

    void revoke() {
        revoked = true;
    }

    /** True when the card offers at least one client certificate of a key type TLS can sign with. */
    boolean hasClientKey() {
        for (String type : new String[] {"RSA", "EC", "RSASSA-PSS", "EdDSA"}) {
            String[] aliases = card.getClientAliases(type, null);
            if (aliases != null && aliases.length > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        certificateRequests.incrementAndGet();
        return revoked ? null : card.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        certificateRequests.incrementAndGet();
        if (revoked) {
            return null;
        }
        return card instanceof X509ExtendedKeyManager extended
                ? extended.chooseEngineClientAlias(keyType, issuers, engine)
                : card.chooseClientAlias(keyType, issuers, null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        if (revoked) {
            return null;
        }
        keyUses.incrementAndGet();
        return card.getPrivateKey(alias);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return revoked ? null : card.getCertificateChain(alias);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return revoked ? null : card.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
