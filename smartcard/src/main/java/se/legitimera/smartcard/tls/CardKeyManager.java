package se.legitimera.smartcard.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Offers exactly one card certificate for client authentication; never acts as a server. */
final class CardKeyManager extends X509ExtendedKeyManager {

    private static final Logger LOG = LoggerFactory.getLogger(CardKeyManager.class);

    private final KeyStore keyStore;
    private final String alias;
    private final X509Certificate certificate;

    CardKeyManager(KeyStore keyStore, String alias, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.alias = alias;
        this.certificate = certificate;
    }

    private String choose(String[] keyTypes, Principal[] issuers) {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        boolean typeFits = keyTypes == null || Arrays.stream(keyTypes)
                .anyMatch(t -> t.equalsIgnoreCase(algorithm) || t.startsWith(algorithm + "_"));
        // An empty CA list means the server accepts any issuer (TLS 1.3 often sends none).
        boolean issuerFits = issuers == null || issuers.length == 0
                || Arrays.stream(issuers).anyMatch(p -> p.equals(certificate.getIssuerX500Principal()));
        if (!typeFits || !issuerFits) {
            LOG.info("Server does not accept the card certificate (key types {}, {} CAs)", Arrays.toString(keyTypes),
                    issuers == null ? 0 : issuers.length);
            return null;
        }
        return alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String chosen = choose(new String[] {keyType}, issuers);
        return chosen == null ? null : new String[] {chosen};
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes, issuers);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String requested) {
        if (!alias.equals(requested)) {
            return null;
        }
        try {
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (chain != null && chain.length > 0) {
                return Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            }
        } catch (GeneralSecurityException e) {
            LOG.warn("Reading the certificate chain from the card failed: {}", e.getMessage());
        }
        return new X509Certificate[] {certificate};
    }

    @Override
    public PrivateKey getPrivateKey(String requested) {
        if (!alias.equals(requested)) {
            return null;
        }
        try {
            return (PrivateKey) keyStore.getKey(alias, null);
        } catch (GeneralSecurityException e) {
            LOG.warn("The card's private key is not available: {}", e.getMessage());
            return null;
        }
    }
}
