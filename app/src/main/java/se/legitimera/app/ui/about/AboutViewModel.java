package se.legitimera.app.ui.about;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.legitimera.app.ui.common.Messages;
import se.legitimera.app.ui.common.Notice;

/**
 * State of the about and diagnostics window: the report text and the result of an export. Holds no Node;
 * methods run on the JavaFX thread, collecting and writing on {@code worker}.
 */
public final class AboutViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AboutViewModel.class);
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private final ResourceBundle messages;
    private final DiagnosticsSource source;
    private final DiagnosticsExport export;
    private final Executor worker;
    private final Executor fxThread;
    private final Clock clock;

    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(Notice.NONE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    public AboutViewModel(ResourceBundle messages, DiagnosticsSource source, DiagnosticsExport export,
                          Executor worker, Executor fxThread, Clock clock) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.source = Objects.requireNonNull(source, "source");
        this.export = Objects.requireNonNull(export, "export");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Collects the facts afresh (each time the window opens). */
    public void refresh() {
        busy.set(true);
        notice.set(Notice.info(messages.getString("about.collecting")));
        worker.execute(() -> {
            String text;
            try {
                text = DiagnosticsReport.render(messages, source.collect());
            } catch (RuntimeException e) {
                LOG.error("Collecting diagnostics failed", e);
                text = Messages.format(messages, "about.collectFailed", e.getClass().getSimpleName());
            }
            String collected = text;
            fxThread.execute(() -> {
                report.set(collected);
                notice.set(Notice.NONE);
                busy.set(false);
            });
        });
    }

    /** The name the save dialog suggests, e.g. {@code legitimera-diagnostik-20261123-1300.zip}. */
    public String suggestedFileName() {
        return Messages.format(messages, "about.export.fileName", LocalDateTime.now(clock).format(FILE_STAMP));
    }

    /** Writes the zip to {@code target}; the notice tells where it went or why it failed. */
    public void export(Path target) {
        String text = report.get();
        busy.set(true);
        worker.execute(() -> {
            Notice result;
            try {
                export.write(target, text);
                result = Notice.success(Messages.format(messages, "about.export.done", target.toString()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Diagnostics export to {} failed", target, e);
                result = Notice.error(Messages.format(messages, "about.export.failed", e.getMessage()));
            }
            Notice done = result;
            fxThread.execute(() -> {
                notice.set(done);
                busy.set(false);
            });
        });
    }

    /** The report as shown; personal data is masked when exported. */
    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
