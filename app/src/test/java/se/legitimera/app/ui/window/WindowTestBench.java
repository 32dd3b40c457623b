package se.legitimera.app.ui.window;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import se.legitimera.app.ui.common.ControllerFactory;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Theme;
import se.legitimera.app.ui.common.WindowOpener;
import se.legitimera.devkit.stack.StackRequirement;

/**
 * What every window test needs: a real JavaFX toolkit on the X display (skipped without one), the app's own
 * WindowOpener with the controllers under test, a worker thread like the app's, and screenshots per step
 * under target/screenshots. Public for the end-to-end tests in {@code se.legitimera.app.e2e}.
 */
public final class WindowTestBench implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    public final ResourceBundle messages = Messages.forLocale(Locale.of("sv"));
    public final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("test-worker").factory());
    private final String testName;
    private int step;

    private WindowTestBench(String testName) {
        this.testName = testName;
    }

    public static WindowTestBench start(String testName) throws TimeoutException {
        StackRequirement.require(System.getenv("DISPLAY") != null, "an X display for JavaFX (run under xvfb-run)");
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        return new WindowTestBench(testName);
    }

    public WindowOpener windows(Theme theme, Map<Class<?>, Supplier<?>> controllers) {
        return new WindowOpener(messages, new ControllerFactory(controllers), theme, () -> { });
    }

    /** Runs on the FX thread and waits for it. */
    public <T> T fx(Supplier<T> action) {
        if (Platform.isFxApplicationThread()) {
            return action.get();
        }
        try {
            return WaitForAsyncUtils.asyncFx(action::get).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void fx(Runnable action) {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until the condition, read on the FX thread, holds. */
    public void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            WaitForAsyncUtils.waitForFxEvents();
            if (fx(condition::getAsBoolean)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** Saves the window as PNG: target/screenshots/{test}-{step}-{name}.png. */
    public Path screenshot(Stage stage, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path file = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", testName, ++step, name));
        try {
            Files.createDirectories(SCREENSHOTS);
            ImageIO.write(png, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        fx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage).toList()
                .forEach(Window::hide));
        // Hiding a login dialog cancels its order on the worker: let that finish before the test closes
        // the HTTP client it posts with, or it fails later, in the next test.
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the worker did not finish its tasks within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
