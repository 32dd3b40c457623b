package se.legitimera.app.ui.tunnel;

import java.util.Objects;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import se.legitimera.app.ui.common.NoticeLabel;
import se.legitimera.app.ui.common.SecretFields;
import se.legitimera.app.ui.common.WindowLifecycle;

/** Binds the tunnel PIN dialog to its view model; the window closes once the question is answered. */
public final class TunnelPinController implements WindowLifecycle {

    private final TunnelPinViewModel viewModel;

    @FXML
    private Label asker;
    @FXML
    private PasswordField pin;
    @FXML
    private NoticeLabel notice;
    @FXML
    private NoticeLabel warning;
    @FXML
    private Button confirm;

    public TunnelPinController(TunnelPinViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        asker.textProperty().bind(viewModel.askerProperty());
        asker.accessibleTextProperty().bind(viewModel.askerProperty());
        viewModel.noticeProperty().subscribe(notice::show);
        viewModel.warningProperty().subscribe(warning::show);
        pin.textProperty().subscribe(() -> viewModel.pinTyped(SecretFields.copy(pin)));
        confirm.disableProperty().bind(viewModel.canConfirmProperty().not());
        viewModel.phaseProperty().subscribe(phase -> {
            if (phase == TunnelPinViewModel.Phase.ASKING) {
                pin.clear();
                Platform.runLater(pin::requestFocus);
            } else if (pin.getScene() != null && pin.getScene().getWindow() != null) {
                pin.clear();
                pin.getScene().getWindow().hide();
            }
        });
    }

    @Override
    public void windowShown() {
        pin.requestFocus();
    }

    @Override
    public void windowHidden() {
        viewModel.cancel();
    }

    @FXML
    private void onConfirm() {
        viewModel.confirm();
        pin.clear();
    }

    @FXML
    private void onCancel() {
        viewModel.cancel();
    }
}
