package se.legitimera.app.ui.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsExportTest {

    @TempDir
    Path folder;

    @Test
    void theZipHoldsTheReportAndTheLogs_withPersonalDataMasked() throws IOException {
        Path logs = Files.createDirectories(folder.resolve("logs"));
        Files.writeString(logs.resolve("legitimera.log"), "card of 19121212-1212 inserted\n");
        Files.writeString(logs.resolve("legitimera.1.log"), "older line\n");
        Files.writeString(logs.resolve("notes.txt"), "not a log\n");
        Path zip = folder.resolve("diagnostics.zip");

        new DiagnosticsExport(logs, new PersonalData("")).write(zip, "HSA-id SE2321000016-1003\n");

        Map<String, String> entries = unzip(zip);
        assertThat(entries.keySet()).containsExactly("logs/legitimera.1.log", "logs/legitimera.log", "report.txt");
        assertThat(entries.get("report.txt")).isEqualTo("HSA-id SE2321000016-****\n");
        assertThat(entries.get("logs/legitimera.log")).isEqualTo("card of 19121212-**** inserted\n");
        assertThat(folder.resolve("diagnostics.zip.part")).doesNotExist();
    }

    private static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
