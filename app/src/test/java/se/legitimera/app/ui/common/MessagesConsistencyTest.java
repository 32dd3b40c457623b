package se.legitimera.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Swedish and English must say the same things, and every text the code asks for must exist. */
class MessagesConsistencyTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path FXML = Path.of("src/main/resources/fxml");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([A-Za-z0-9_.]+)\"");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([a-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)+)\"");

    @Test
    void everyEnglishKeyHasASwedishText() {
        assertThat(keys("messages_sv")).containsAll(keys("messages"));
    }

    @Test
    void everySwedishKeyHasAnEnglishText() {
        assertThat(keys("messages")).containsAll(keys("messages_sv"));
    }

    @Test
    void swedishIsChosenOnASwedishLocaleAndEnglishOtherwise() {
        assertThat(Messages.forLocale(Locale.of("sv", "SE")).getString("tray.open")).isEqualTo("Öppna");
        assertThat(Messages.forLocale(Locale.of("en", "GB")).getString("tray.open")).isEqualTo("Open");
        assertThat(Messages.forLocale(Locale.GERMANY).getString("tray.open")).isEqualTo("Open");
    }

    @Test
    void everyKeyUsedInFxmlExists() throws IOException {
        Set<String> used = matches(FXML, FXML_KEY);
        assertThat(keys("messages")).containsAll(used);
    }

    @Test
    void everyKeyIsUsedSomewhere() throws IOException {
        Set<String> used = new TreeSet<>(matches(FXML, FXML_KEY));
        used.addAll(matches(SOURCES, STRING_LITERAL));
        assertThat(used).containsAll(keys("messages"));
    }

    private static Set<String> keys(String bundle) {
        try (InputStream in = MessagesConsistencyTest.class.getResourceAsStream("/i18n/" + bundle + ".properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return new TreeSet<>(properties.stringPropertyNames());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> matches(Path root, Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }
}
