package se.legitimera.app.ui.pin;

import java.util.Objects;
import java.util.ResourceBundle;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Label;
import se.legitimera.app.ui.common.NoticeLabel;
import se.legitimera.app.ui.common.WindowLifecycle;

/** Binds the PIN change dialog to its view model; the fields hand every keystroke over as char[]. */
public final class PinChangeController implements WindowLifecycle {

    private final PinChangeViewModel viewModel;
    private final Runnable openUnblock;

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
    private PasswordField currentPin;
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
    private Button unblock;
    @FXML
    private Button cancel;

    /** @param openUnblock opens the PUK dialog (offered when the PIN is blocked) */
    public PinChangeController(PinChangeViewModel viewModel, Runnable openUnblock) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.openUnblock = Objects.requireNonNull(openUnblock, "openUnblock");
    }

    @FXML
    private void initialize() {
        new NewPinControls(roleGroup, identificationRole, signatureRole, tries, warning, rules, notice, submit)
                .bind(viewModel, resources, currentPin, viewModel::currentPinTyped, newPin, confirmPin);

        viewModel.phaseProperty().subscribe(phase -> {
            boolean blocked = phase == PinChangeViewModel.Phase.BLOCKED;
            unblock.setVisible(blocked);
            unblock.setManaged(blocked);
            boolean finished = phase == PinChangeViewModel.Phase.CHANGED || blocked
                    || phase == PinChangeViewModel.Phase.UNAVAILABLE;
            cancel.setText(resources.getString(finished ? "dialog.close" : "dialog.cancel"));
            submit.setVisible(!finished);
            submit.setManaged(!finished);
            if (phase == PinChangeViewModel.Phase.CHANGED) {
                currentPin.clear();
                newPin.clear();
                confirmPin.clear();
                cancel.requestFocus();
            } else if (phase == PinChangeViewModel.Phase.ENTERING && currentPin.getCharacters().isEmpty()) {
                Platform.runLater(currentPin::requestFocus);
            }
        });
    }

    @Override
    public void windowShown() {
        viewModel.open(PinRole.IDENTIFICATION);
    }

    @Override
    public void windowHidden() {
        viewModel.close();
    }

    @FXML
    private void onSubmit() {
        viewModel.submit();
        // The old PIN is retyped after a wrong try; the new one stays for convenience.
        currentPin.clear();
    }

    @FXML
    private void onUnblock() {
        cancel.getScene().getWindow().hide();
        openUnblock.run();
    }

    @FXML
    private void onCancel() {
        cancel.getScene().getWindow().hide();
    }
}
