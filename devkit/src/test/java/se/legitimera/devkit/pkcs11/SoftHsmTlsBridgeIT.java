package se.legitimera.devkit.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import se.legitimera.smartcard.pkcs11.Pkcs11Module;
import se.legitimera.smartcard.pkcs11.Token;
import se.legitimera.smartcard.tls.CardKeyStore;
import se.legitimera.smartcard.tls.LoginCancelledException;
import se.legitimera.smartcard.tls.TokenLoginException;

/** The SunPKCS11 bridge: a token certificate authenticates a TLS client to a JDK server on 127.0.0.1. */
class SoftHsmTlsBridgeIT {

    private static SoftHsmToken softHsm;
    private static Pkcs11Module module;
    private static long slotId;
    private static TestIdentity server;

    @BeforeAll
    static void createToken() throws Exception {
        softHsm = SoftHsmToken.create();
        // Our JNA binding initialises the module first: SunPKCS11 must cope with a module already initialised.
        module = Pkcs11Module.builder().withLibrary(SoftHsmToken.MODULE).build();
        Token token = module.tokens().stream().filter(t -> {
            try {
                return t.info().label().equals(SoftHsmToken.LABEL);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).findFirst().orElseThrow();
        slotId = token.slot().slotId();
        server = softHsm.ca.issue("server", "10", TestIdentity.rsa(2048), false);
    }

    @AfterAll
    static void removeToken() throws Exception {
        if (module != null) {
            module.close();
        }
        if (softHsm != null) {
            softHsm.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"ec, TLSv1.3", "auth, TLSv1.3", "auth, TLSv1.2", "ec, TLSv1.2"})
    void serverRequiringClientAuthSeesTheTokensCertificate(String label, String protocol) throws Exception {
        X509Certificate cardCertificate = softHsm.identity(label).certificate();
        try (CardKeyStore card = CardKeyStore.builder().withLibrary(SoftHsmToken.MODULE).withSlotId(slotId)
                .withCertificate(cardCertificate).withTokenLabel(SoftHsmToken.LABEL)
                .withPinCallback(tokenLabel -> SoftHsmToken.USER_PIN.clone()).build()) {
            assertThat(card.keyStore().isKeyEntry(card.alias())).isTrue();
            assertThat(handshake(card.keyManager(), protocol)).isEqualTo(cardCertificate);
        }
    }

    @Test
    void whenPinIsWrong_thenLoginFailsTyped() {
        assertThatThrownBy(() -> CardKeyStore.builder().withLibrary(SoftHsmToken.MODULE).withSlotId(slotId)
                .withCertificate(softHsm.identity("ec").certificate())
                .withPinCallback(tokenLabel -> "000000".toCharArray()).build())
                .isInstanceOf(TokenLoginException.class);
    }

    @Test
    void whenUserCancels_thenCancelledIsReported() {
        assertThatThrownBy(() -> CardKeyStore.builder().withLibrary(SoftHsmToken.MODULE).withSlotId(slotId)
                .withCertificate(softHsm.identity("ec").certificate())
                .withPinCallback(tokenLabel -> {
                    throw new LoginCancelledException();
                }).build())
                .isInstanceOf(LoginCancelledException.class);
    }

    /** Runs one handshake; returns the client certificate the server saw. */
    private static X509Certificate handshake(KeyManager clientKeys, String protocol) throws Exception {
        KeyStore serverKeys = KeyStore.getInstance("PKCS12");
        serverKeys.load(null, null);
        serverKeys.setKeyEntry("server", server.keyPair().getPrivate(), new char[0],
                new Certificate[] {server.certificate(), softHsm.ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(serverKeys, new char[0]);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", softHsm.ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trusted);

        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(new KeyManager[] {clientKeys}, tmf.getTrustManagers(), null);

        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setEnabledProtocols(new String[] {protocol});
            listener.setSoTimeout(20_000);
            CompletableFuture<X509Certificate> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(20_000);
                    accepted.startHandshake();
                    X509Certificate peer = (X509Certificate) accepted.getSession().getPeerCertificates()[0];
                    accepted.getOutputStream().write(1);
                    accepted.getOutputStream().flush();
                    return peer;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                client.setSoTimeout(20_000);
                client.setEnabledProtocols(new String[] {protocol});
                client.startHandshake();
                assertThat(client.getInputStream().read()).isEqualTo(1);
            }
            return seen.get(30, TimeUnit.SECONDS);
        }
    }
}
