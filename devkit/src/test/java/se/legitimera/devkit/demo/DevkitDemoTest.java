package se.legitimera.devkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ServiceLoader;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.oob.demo.DemoEnvironment;
import se.legitimera.oob.demo.DemoEnvironmentFactory;
import se.legitimera.oob.card.CardProofSigner;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.api.CardStatus;
import se.legitimera.smartcard.api.CardType;
import se.legitimera.smartcard.api.MonitorSnapshot;
import se.legitimera.smartcard.api.ReaderStatus;
import se.legitimera.smartcard.pcsc.TerminalSource;

@Timeout(60)
class DevkitDemoTest {

    @TempDir
    Path state;

    @Test
    void whenDemoStarts_thenTheLoginPageAnswersOverTlsTrustingServiceTrust() throws Exception {
        try (DemoEnvironment demo = new DevkitDemo().start(state)) {
            assertThat(demo.serviceOrigin().getHost()).isEqualTo("127.0.0.1");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < demo.serviceTrust().size(); i++) {
                trust.setCertificateEntry("trust" + i, demo.serviceTrust().get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            URL page = demo.loginPage().toURL();
            HttpsURLConnection connection = (HttpsURLConnection) page.openConnection(Proxy.NO_PROXY);
            connection.setSSLSocketFactory(tls.getSocketFactory());

            assertThat(connection.getResponseCode()).isEqualTo(200);
            try (InputStream in = connection.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).containsIgnoringCase("<html");
            }
        }
    }

    @Test
    void whenDemoStarts_thenACardMonitorSeesASiths940WithAnIdentificationCertificate() throws Exception {
        try (DemoEnvironment demo = new DevkitDemo().start(state);
             CardMonitor monitor = CardMonitor.builder()
                     .withTerminalSource(TerminalSource.of(demo.terminals())).build()) {
            monitor.start(event -> { });
            MonitorSnapshot snapshot = monitor.awaitFirstScan(Duration.ofSeconds(20));

            assertThat(snapshot.readers()).extracting(ReaderStatus::name).containsExactly(DevkitDemo.READER);
            CardStatus card = snapshot.readers().getFirst().card().orElseThrow();
            assertThat(card.profile().type()).isEqualTo(CardType.SITHS_940);
            assertThat(CardProofSigner.identificationCertificate(monitor.keys(DevkitDemo.READER).certificates()))
                    .isPresent();
        }
    }

    @Test
    void whenDemoRestarts_thenTheCardKeepsItsPins() throws Exception {
        String first;
        try (DemoEnvironment demo = new DevkitDemo().start(state)) {
            first = demo.cardSecretsForDisplay();
        }
        try (DemoEnvironment demo = new DevkitDemo().start(state)) {
            assertThat(demo.cardSecretsForDisplay()).isEqualTo(first).contains("(Legitimering)").contains("PUK");
        }
    }

    @Test
    void whenServiceLoaderIsAsked_thenTheDevkitDemoIsFound() {
        assertThat(ServiceLoader.load(DemoEnvironmentFactory.class).stream().map(ServiceLoader.Provider::type))
                .contains(DevkitDemo.class);
    }
}
