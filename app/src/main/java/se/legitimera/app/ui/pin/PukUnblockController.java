package se.legitimera.app.ui.pin;

import java.util.Objects;
import java.util.ResourceBundle;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import se.legitimera.app.ui.common.NoticeLabel;
import se.legitimera.app.ui.common.WindowLifecycle;

/** Binds the PUK unblock dialog to its view model. */
public final class PukUnblockController implements WindowLifecycle {

    private final PukUnblockViewModel viewModel;

    @FXML
    private ResourceBundle resources;
    @FXML
    private ToggleGroup roleGroup;
    @FXML
    private RadioButton identificationRole;
    @FXML
    private RadioButton signatureRole;
    @FXML
    private Label tries;
    @FXML
    private NoticeLabel warning;
    @FXML
    private PasswordField puk;
    @FXML
    private PasswordField newPin;
    @FXML
    private PasswordField confirmPin;
    @FXML
    private RuleList rules;
    @FXML
    private NoticeLabel notice;
    @FXML
    private Button submit;
    @FXML
    private Button cancel;

    public PukUnblockController(PukUnblockViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        new NewPinControls(roleGroup, identificationRole, signatureRole, tries, warning, rules, notice, submit)
                .bind(viewModel, resources, puk, viewModel::pukTyped, newPin, confirmPin);

        viewModel.phaseProperty().subscribe(phase -> {
            boolean finished = phase == PukUnblockViewModel.Phase.UNBLOCKED
                    || phase == PukUnblockViewModel.Phase.PUK_BLOCKED
                    || phase == PukUnblockViewModel.Phase.UNAVAILABLE;
            cancel.setText(resources.getString(finished ? "dialog.close" : "dialog.cancel"));
            submit.setVisible(!finished);
            submit.setManaged(!finished);
            if (finished) {
                puk.clear();
                newPin.clear();
                confirmPin.clear();
                cancel.requestFocus();
            } else if (phase == PukUnblockViewModel.Phase.ENTERING && puk.getCharacters().isEmpty()) {
                Platform.runLater(puk::requestFocus);
            }
        });
    }

    @Override
    public void windowShown() {
        viewModel.open();
    }

    @Override
    public void windowHidden() {
        viewModel.close();
    }

    @FXML
    private void onSubmit() {
        viewModel.submit();
        puk.clear();
    }

    @FXML
    private void onCancel() {
        cancel.getScene().getWindow().hide();
    }
}
