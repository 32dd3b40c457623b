package se.legitimera.devkit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServiceCommandIT {

    @Test
    void whenStartedTwiceOnOneStateFolder_thenTrustPemIsWrittenAndTheTlsKeyIsKept(@TempDir Path dir) throws Exception {
        String[] args = {"--port", "0", "--ocsp-port", "0", "--state", dir.resolve("state").toString(),
            "--pki", dir.resolve("pki").toString()};
        ServiceCommand first = new ServiceCommand();
        new CommandLine(first).parseArgs(args);
        String pin;
        try (ServiceCommand.Running running = first.start()) {
            assertThat(running.trustPem()).isEqualTo(dir.resolve("state/service-trust.pem"));
            assertThat(Files.readString(running.trustPem())).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(running.service().origin().host()).isEqualTo("127.0.0.1");
            assertThat(running.ocsp()).isNotNull();
            pin = running.pin().toString();
        }
        ServiceCommand second = new ServiceCommand();
        new CommandLine(second).parseArgs(args);
        try (ServiceCommand.Running running = second.start()) {
            assertThat(running.pin().toString()).isEqualTo(pin);
        }
    }

    @Test
    void whenApiKeyIsTooShort_thenTheServiceRefusesToStart(@TempDir Path dir) {
        ServiceCommand command = new ServiceCommand();
        new CommandLine(command).parseArgs("--port", "0", "--ocsp-port", "-1", "--api-key", "short",
                "--state", dir.resolve("state").toString(), "--pki", dir.resolve("pki").toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(command::start).isInstanceOf(IllegalArgumentException.class);
    }
}
