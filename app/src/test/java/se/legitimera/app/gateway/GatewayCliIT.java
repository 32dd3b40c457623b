package se.legitimera.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import se.legitimera.devkit.card.VirtualSithsCard;
import se.legitimera.devkit.pki.PemFiles;
import se.legitimera.devkit.stack.OpenScFixture;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * {@code legitimera tunnel run --module opensc-pkcs11.so --stdin} as a user runs it: the developer
 * launcher (target/legitimera) as a child process, the PIN on its standard input, the virtual card in a
 * vpcd reader, a service on 127.0.0.1 that requires the card's certificate. Skipped without the stack.
 */
@Timeout(60)
class GatewayCliIT {

    private static final Path LAUNCHER = Path.of("target/legitimera");
    private static final int READER = 1;
    private static final char[] PIN = "246810".toCharArray();
    private static final Pattern OPEN = Pattern.compile("Tunnel open: http://localhost:(\\d+) ");

    @TempDir
    Path folder;
    private PcscdFixture pcscd;
    private OpenScFixture openSc;
    private TestUpstream upstream;
    private Process cli;

    @AfterEach
    void stopAll() throws Exception {
        if (cli != null && cli.isAlive()) {
            cli.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (upstream != null) {
            upstream.close();
        }
        if (pcscd != null) {
            pcscd.close();
        }
        if (openSc != null) {
            openSc.close();
        }
    }

    @Test
    void whenTheCliRunsATunnelWithThePinOnStandardInput_thenTheServiceSeesTheCardAndTermEndsIt() throws Exception {
        StackRequirement.require(Files.isExecutable(LAUNCHER), "the developer launcher " + LAUNCHER + " (mvn package)");
        openSc = OpenScFixture.configure(folder.resolve("opensc"));
        pcscd = PcscdFixture.acquire();
        se.legitimera.devkit.pki.TestPki pki = se.legitimera.devkit.pki.TestPki.openOrCreate(folder.resolve("pki"),
                Clock.systemUTC());
        VirtualSithsCard card = VirtualSithsCard.builder().withPki(pki)
                .withInitialSecrets(PIN, "135791".toCharArray(), "86420975".toCharArray()).createFresh();
        long verifiesBefore = card.commandCount(0x20);
        pcscd.insert(card, READER);
        TestPki.Issued serverCa = TestPki.rootCa("Test Server CA");
        upstream = TestUpstream.http(TestPki.server(serverCa, "localhost"), pki.issuingCertificate());
        Path trust = folder.resolve("server-ca.pem");
        PemFiles.writeCertificate(trust, serverCa.certificate());

        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "tunnel", "run", "--local", "0", "--upstream",
                "https://localhost:" + upstream.port(), "--module", OpenScFixture.MODULE.toString(), "--stdin",
                "--trust", trust.toString()).redirectError(folder.resolve("cli.err").toFile());
        builder.environment().putAll(openSc.environment());
        builder.environment().put("LEGITIMERA_JAVA_OPTS", "-Dlegitimera.logdir=" + folder.resolve("logs"));
        cli = builder.start();
        try (OutputStream stdin = cli.getOutputStream()) {
            byte[] line = (new String(PIN) + "\n").getBytes(StandardCharsets.US_ASCII);
            stdin.write(line);
        }
        int port = announcedPort();

        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/whoami")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(Files.readString(folder.resolve("cli.err"))).isEqualTo(200);
                assertThat(response.body()).startsWith("hsaId=" + card.holder().hsaId() + ";");
            }
        }
        assertThat(upstream.peerCertificates()).containsExactly(card.authenticationCertificate());
        assertThat(card.commandCount(0x20) - verifiesBefore).as("VERIFY commands, with the PIN or without")
                .isPositive();
        assertThat(card.triesLeft(VirtualSithsCard.IDENTIFICATION_PIN)).isEqualTo(3);

        cli.destroy(); // SIGTERM, as Ctrl+C's SIGINT: the shutdown hook closes the tunnel
        assertThat(cli.waitFor(15, TimeUnit.SECONDS)).as("the CLI ends on SIGTERM").isTrue();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
        assertThat(Files.readString(folder.resolve("cli.err"))).doesNotContain("Exception").doesNotContain(new String(PIN));
    }

    /** Reads the CLI's standard output until it names its port (at most 30 s). */
    private int announcedPort() throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher open = OPEN.matcher(line);
                    if (open.find()) {
                        port.complete(Integer.parseInt(open.group(1)));
                    }
                }
                port.completeExceptionally(new AssertionError("the CLI ended without opening the tunnel: "
                        + Files.readString(folder.resolve("cli.err"))));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        return port.get(30, TimeUnit.SECONDS);
    }
}
