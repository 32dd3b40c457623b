package se.legitimera.app.ui.about;

import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import se.legitimera.app.ui.common.NoticeLabel;
import se.legitimera.app.ui.common.WindowLifecycle;

/** Binds the about and diagnostics window to its view model. */
public final class AboutController implements WindowLifecycle {

    private final AboutViewModel viewModel;
    private final ExportTargetChooser targetChooser;

    @FXML
    private TextArea report;
    @FXML
    private NoticeLabel notice;
    @FXML
    private Button export;
    @FXML
    private Button close;

    public AboutController(AboutViewModel viewModel, ExportTargetChooser targetChooser) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.targetChooser = Objects.requireNonNull(targetChooser, "targetChooser");
    }

    @FXML
    private void initialize() {
        report.textProperty().bind(viewModel.reportProperty());
        viewModel.noticeProperty().subscribe(notice::show);
        export.disableProperty().bind(viewModel.busyProperty());
    }

    @Override
    public void windowShown() {
        viewModel.refresh();
    }

    @FXML
    private void onExport() {
        targetChooser.choose(export.getScene().getWindow(), viewModel.suggestedFileName())
                .ifPresent(viewModel::export);
    }

    @FXML
    private void onClose() {
        close.getScene().getWindow().hide();
    }
}
