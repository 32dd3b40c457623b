package se.legitimera.app.ui.about;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes "Exportera diagnostik": a zip with the report and the app's logs, personal data masked line by
 * line, for the user to send to IT support.
 */
public final class DiagnosticsExport {

    private final Path logFolder;
    private final PersonalData personalData;

    public DiagnosticsExport(Path logFolder, PersonalData personalData) {
        this.logFolder = Objects.requireNonNull(logFolder, "logFolder");
        this.personalData = Objects.requireNonNull(personalData, "personalData");
    }

    /**
     * Writes the zip, replacing {@code target}. Blocking file I/O: call on a worker thread.
     *
     * @throws IOException when the zip cannot be written or a log cannot be read
     */
    public void write(Path target, String report) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream file = Files.newOutputStream(partial);
             ZipOutputStream zip = new ZipOutputStream(file, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("report.txt"));
            zip.write(personalData.mask(report).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (Path log : logs()) {
                zip.putNextEntry(new ZipEntry("logs/" + log.getFileName()));
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
                try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        writer.write(personalData.mask(line));
                        writer.newLine();
                    }
                }
                writer.flush();
                zip.closeEntry();
            }
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private List<Path> logs() throws IOException {
        if (!Files.isDirectory(logFolder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logFolder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }
}
