package se.legitimera.keycloak.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (both named explicitly: Selenium
 * Manager's download cannot work here), with a fresh profile per browser. The Keycloak server's TLS key
 * is accepted by its SPKI hash only (Chromium's {@code --ignore-certificate-errors-spki-list}), so no
 * other certificate error is ever ignored.
 *
 * <p>Waits poll the page until a condition holds or a generous limit passes; they assert nothing about
 * time.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Opens a headless Chromium that trusts the given server key.
     *
     * @param spkiHash base64 SHA-256 of the server's SubjectPublicKeyInfo
     * @param language the {@code Accept-Language} and UI language, e.g. {@code sv}
     */
    public static Browser open(String spkiHash, String language) {
        StackRequirement.require(Files.isExecutable(CHROMIUM), "Chromium (" + CHROMIUM + ", Debian package chromium)");
        StackRequirement.require(Files.isExecutable(CHROMEDRIVER),
                "chromedriver (" + CHROMEDRIVER + ", Debian package chromium-driver)");
        try {
            Path profile = Files.createTempDirectory("legitimera-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=" + language,
                    "--ignore-certificate-errors-spki-list=" + spkiHash, "--window-size=1024,900");
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a Chromium profile folder", e);
        }
    }

    public void open(URI uri) {
        driver.get(uri.toString());
    }

    public URI currentUrl() {
        return URI.create(driver.getCurrentUrl());
    }

    public String title() {
        return driver.getTitle();
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    /** The text of the whole page body. */
    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Waits until {@code condition} holds; fails with the page's text when it never does. */
    public <T> T await(String what, ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(200)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("browser never showed " + what + "; at " + driver.getCurrentUrl() + ":\n"
                    + safePageText(), e);
        }
    }

    /** Waits until the browser's URL starts with {@code prefix}. */
    public URI awaitUrlStartingWith(String what, URI prefix) {
        await(what, d -> d.getCurrentUrl().startsWith(prefix.toString()));
        return currentUrl();
    }

    /** A PNG of the page for the test report. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String safePageText() {
        try {
            return pageText();
        } catch (RuntimeException e) {
            return "(page text unavailable: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a left temp folder is harmless
            }
        }
    }
}
