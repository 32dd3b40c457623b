package se.legitimera.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.PinRequest;
import se.legitimera.app.gateway.SoftwareCard;
import se.legitimera.app.gateway.TestPki;
import se.legitimera.app.gateway.TestUpstream;
import se.legitimera.app.gateway.TunnelMode;
import se.legitimera.app.launcher.SingleInstance;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TunnelCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static final TunnelDefinitions ONE_TUNNEL = () -> List.of(
            new TunnelDefinition("journal", 8443, URI.create("https://journal.example"), TunnelMode.HTTP));

    private AppChannel app = command -> Optional.empty();

    private int execute(TunnelDefinitions definitions, CardCredentialsSource cards, InputStream stdin,
            String... args) {
        CommandLine command = new CommandLine(new TunnelCommand(definitions, app, cards, stdin, null))
                .setCaseInsensitiveEnumValuesAllowed(true);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void listShowsARawTlsTunnelAsATcpAddress() {
        TunnelDefinitions raw = () -> List.of(
                new TunnelDefinition("lab", 8444, URI.create("https://lab.example:9443"), TunnelMode.TLS));

        assertThat(execute(raw, module -> null, InputStream.nullInputStream(), "list")).isZero();
        assertThat(out.toString()).contains("tcp://localhost:8444").doesNotContain("http://localhost");
    }

    @Test
    void listShowsTheTunnelsOfTheSettings() {
        assertThat(execute(ONE_TUNNEL, module -> null, InputStream.nullInputStream(), "list")).isZero();
        assertThat(out.toString()).contains("journal").contains("http://localhost:8443").contains("https://journal.example");
    }

    @Test
    void listMarksThePolicysTunnelsAndThoseNotStartedWithTheApp() {
        TunnelDefinitions two = () -> List.of(
                new TunnelDefinition("journal", 8443, URI.create("https://journal.example"), TunnelMode.HTTP, true,
                        true),
                new TunnelDefinition("lab", 8444, URI.create("https://lab.example"), TunnelMode.TLS, true, false));

        assertThat(execute(two, module -> null, InputStream.nullInputStream(), "list")).isZero();

        assertThat(out.toString()).contains("(http, policy)").contains("(tls, policy, manual)");
    }

    @Test
    void whenNoAppIsRunning_thenStartSaysSoAndSuggestsRun() {
        int code = execute(ONE_TUNNEL, module -> null, InputStream.nullInputStream(), "start", "journal");

        assertThat(code).isEqualTo(TunnelCommand.APP_UNREACHABLE);
        assertThat(err.toString()).contains("No Legitimera app is running").contains("was not started")
                .contains("legitimera tunnel run --local 8443 --upstream https://journal.example --mode http");
    }

    @Test
    void whenTheAppAnswersTooLateOrNotAtAll_thenStartSaysTheAppCannotBeReached() {
        app = command -> {
            throw new IOException("the running Legitimera takes no commands (an older version?)");
        };

        assertThat(execute(ONE_TUNNEL, module -> null, InputStream.nullInputStream(), "start", "journal"))
                .isEqualTo(TunnelCommand.APP_UNREACHABLE);
        assertThat(err.toString()).contains("Cannot reach the running Legitimera app").contains("older version");
    }

    @Test
    void whenTheAppStartsTheTunnel_thenItsAnswerIsPrintedAndTheExitCodeIsZero() {
        List<List<String>> asked = new java.util.ArrayList<>();
        app = command -> {
            asked.add(command);
            return Optional.of(new SingleInstance.Answer(0, "Tunnel journal started: http://localhost:8443"));
        };

        assertThat(execute(ONE_TUNNEL, module -> null, InputStream.nullInputStream(), "start", "journal")).isZero();
        assertThat(asked).containsExactly(List.of("tunnel", "start", "journal"));
        assertThat(out.toString()).contains("Tunnel journal started");
    }

    @Test
    void whenTheAppCannotOpenTheTunnelOrDoesNotKnowIt_thenItsStatusIsTheExitCode() {
        app = command -> Optional.of(new SingleInstance.Answer(TunnelCommand.NOT_OPENED, "port 8443 is in use"));
        assertThat(execute(ONE_TUNNEL, module -> null, InputStream.nullInputStream(), "start", "journal"))
                .isEqualTo(TunnelCommand.NOT_OPENED);
        assertThat(err.toString()).contains("port 8443 is in use");

        app = command -> Optional.of(new SingleInstance.Answer(TunnelCommand.UNKNOWN_TUNNEL, "No tunnel named other"));
        assertThat(execute(ONE_TUNNEL, module -> null, InputStream.nullInputStream(), "stop", "other"))
                .isEqualTo(TunnelCommand.UNKNOWN_TUNNEL);
        assertThat(err.toString()).contains("No tunnel named other");
    }

    @Test
    void whenThereIsNoTerminalAndNoStdin_thenRunRefusesToStart() {
        assertThat(execute(ONE_TUNNEL, module -> null, InputStream.nullInputStream(), "run", "--local", "0",
                "--upstream", "https://journal.example")).isEqualTo(2);
        assertThat(err.toString()).contains("use --stdin");
    }

    @Test
    void whenTheUpstreamIsNotHttps_thenRunRefuses() {
        assertThat(execute(ONE_TUNNEL, module -> null, stdin("123456"), "run", "--local", "0", "--upstream",
                "http://journal.example", "--stdin")).isEqualTo(2);
        assertThat(err.toString()).contains("https://host");
    }

    @Test
    void whenTheCardCannotBeOpened_thenRunSaysWhy() {
        int code = execute(ONE_TUNNEL, module -> {
            throw new IOException("no module at " + module.orElseThrow());
        }, stdin("123456"), "run", "--local", "0", "--upstream", "https://journal.example", "--stdin", "--module",
                "/nowhere/opensc-pkcs11.so");
        assertThat(code).isEqualTo(TunnelCommand.NOT_OPENED);
        assertThat(err.toString()).contains("Cannot use the card").contains("/nowhere/opensc-pkcs11.so");
    }

    @Test
    void whenRunWithStdin_thenTheTunnelCarriesRequestsUntilInterrupted(@TempDir Path folder) throws Exception {
        TestPki.Issued serverCa = TestPki.rootCa("CLI Server CA");
        TestPki.Issued personCa = TestPki.rootCa("CLI Person CA");
        TestPki.Issued person = TestPki.person(personCa, TestPki.HSA_ID);
        Path pem = folder.resolve("server-ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                serverCa.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (TestUpstream upstream = TestUpstream.http(TestPki.server(serverCa, "localhost"), personCa.certificate());
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            CompletableFuture<Integer> code = new CompletableFuture<>();
            Thread runner = Thread.ofPlatform().start(() -> code.complete(execute(ONE_TUNNEL,
                    module -> new SoftwareCard(person, "123456".toCharArray()), stdin("123456\n"), "run",
                    "--local", String.valueOf(port), "--upstream", "https://localhost:" + upstream.port(),
                    "--trust", pem.toString(), "--stdin")));
            while (!out.toString().contains("Tunnel open")) {
                assertThat(code).isNotDone();
                Thread.sleep(20);
            }

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/whoami")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).startsWith("hsaId=" + TestPki.HSA_ID);
            runner.interrupt();
            assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void thePinFromStdinIsNeverOfferedAgainAfterTheCardRefusedIt() throws Exception {
        try (StdinPin pin = StdinPin.readFrom(stdin("123456\n"))) {
            PinRequest first = new PinRequest("t", "journal.example", false, OptionalInt.empty());
            PinRequest afterRefusal = new PinRequest("t", "journal.example", true, OptionalInt.of(2));

            assertThat(pin.askForPin(first)).containsExactly('1', '2', '3', '4', '5', '6');
            assertThat(pin.askForPin(first)).containsExactly('1', '2', '3', '4', '5', '6');
            assertThatThrownBy(() -> pin.askForPin(afterRefusal)).isInstanceOf(PinCancelledException.class);
            assertThatThrownBy(() -> pin.askForPin(first)).isInstanceOf(PinCancelledException.class);
        }
    }

    @Test
    void anEmptyStdinIsNoPin() {
        assertThatThrownBy(() -> StdinPin.readFrom(stdin(""))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> StdinPin.readFrom(stdin("12345ö\n"))).isInstanceOf(IOException.class);
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
