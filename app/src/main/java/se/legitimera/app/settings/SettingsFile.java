package se.legitimera.app.settings;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** One UTF-8 properties file, read leniently (problems are collected, never thrown) and written atomically. */
final class SettingsFile {

    private final Path path;

    SettingsFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The file's properties; empty when it is missing, unreadable or malformed (then with a problem). */
    Map<String, String> read(List<SettingsProblem> problems) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (CharacterCodingException e) {
            problems.add(new SettingsProblem(path, "", "not UTF-8 text; save the file as UTF-8"));
            return Map.of();
        } catch (IOException e) {
            problems.add(new SettingsProblem(path, "", "cannot be read: " + e));
            return Map.of();
        }
        // Notepad writes a byte order mark, which Properties would make part of the first key.
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new SettingsProblem(path, "", "malformed properties file: " + e.getMessage()));
            return Map.of();
        }
        Map<String, String> result = new TreeMap<>();
        properties.forEach((key, value) -> result.put(((String) key).strip(), (String) value));
        return result;
    }

    /** Replaces the file with {@code properties}, creating its folder when needed. */
    void write(Map<String, String> properties, String comment) throws IOException {
        Properties sorted = new Properties();
        sorted.putAll(properties);
        StringWriter text = new StringWriter();
        sorted.store(text, comment);
        Path folder = path.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, ".settings", ".tmp");
        try {
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
