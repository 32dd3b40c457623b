package se.legitimera.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped logback.xml never writes to a folder named after an undefined variable: a run without
 * {@code legitimera.logdir} (a test, a tool) once left {@code legitimera.logdir_IS_UNDEFINED/} in the
 * working folder.
 */
class LogConfigurationTest {

    private static final String LOG_DIR = "legitimera.logdir";

    @TempDir
    Path temp;

    private String savedLogDir;
    private String savedTmpDir;

    @BeforeEach
    void saveProperties() {
        savedLogDir = System.getProperty(LOG_DIR);
        savedTmpDir = System.getProperty("java.io.tmpdir");
    }

    @AfterEach
    void restoreProperties() {
        restore(LOG_DIR, savedLogDir);
        restore("java.io.tmpdir", savedTmpDir);
    }

    @Test
    void whenNoLogFolderIsSet_thenItLogsToAFolderOfThisUserUnderTheTemporaryFolder() throws JoranException {
        System.clearProperty(LOG_DIR);
        System.setProperty("java.io.tmpdir", temp.toString());

        String file = configuredLogFile();

        assertThat(file).doesNotContain("IS_UNDEFINED")
                .isEqualTo(temp.resolve("legitimera-" + System.getProperty("user.name"))
                        .resolve("legitimera.log").toString());
    }

    @Test
    void whenTheLauncherSetsTheLogFolder_thenItLogsThere() throws JoranException {
        System.setProperty(LOG_DIR, temp.resolve("logs").toString());

        assertThat(configuredLogFile()).isEqualTo(temp.resolve("logs").resolve("legitimera.log").toString());
    }

    private static String configuredLogFile() throws JoranException {
        LoggerContext context = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogConfigurationTest.class.getResource("/logback.xml"));
            FileAppender<?> appender = (FileAppender<?>) context.getLogger("ROOT").getAppender("FILE");
            return appender.getFile();
        } finally {
            context.stop();
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
