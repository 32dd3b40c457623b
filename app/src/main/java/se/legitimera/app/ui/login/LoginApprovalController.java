package se.legitimera.app.ui.login;

import java.util.Objects;
import java.util.ResourceBundle;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import se.legitimera.app.ui.common.NoticeLabel;
import se.legitimera.app.ui.common.SecretFields;
import se.legitimera.app.ui.common.WindowLifecycle;

/** Binds the login dialog to its view model and drives its countdown once a second. */
public final class LoginApprovalController implements WindowLifecycle {

    private final LoginApprovalViewModel viewModel;
    private final Timeline ticker;

    @FXML
    private ResourceBundle resources;
    @FXML
    private Label heading;
    @FXML
    private Label origin;
    @FXML
    private Label service;
    @FXML
    private VBox messageBox;
    @FXML
    private Label rpMessage;
    @FXML
    private Label pinPrompt;
    @FXML
    private PasswordField pin;
    @FXML
    private Label pinSavedNote;
    @FXML
    private Hyperlink forgetPin;
    @FXML
    private NoticeLabel warning;
    @FXML
    private NoticeLabel notice;
    @FXML
    private Label countdown;
    @FXML
    private Button approve;
    @FXML
    private Button cancel;

    public LoginApprovalController(LoginApprovalViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> viewModel.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    @FXML
    private void initialize() {
        heading.textProperty().bind(viewModel.headingProperty());
        heading.accessibleTextProperty().bind(viewModel.headingProperty());
        origin.textProperty().bind(viewModel.originProperty());
        service.textProperty().bind(viewModel.serviceProperty());
        // Before an order arrives (or when none came) the empty lines would leave gaps.
        origin.visibleProperty().bind(viewModel.originProperty().isNotEmpty());
        origin.managedProperty().bind(origin.visibleProperty());
        service.visibleProperty().bind(viewModel.serviceProperty().isNotEmpty());
        service.managedProperty().bind(service.visibleProperty());
        rpMessage.textProperty().bind(viewModel.rpMessageProperty());
        messageBox.visibleProperty().bind(viewModel.rpMessageProperty().isNotEmpty());
        messageBox.managedProperty().bind(messageBox.visibleProperty());
        countdown.textProperty().bind(viewModel.countdownProperty());
        viewModel.warningProperty().subscribe(warning::show);
        viewModel.noticeProperty().subscribe(notice::show);
        pin.textProperty().subscribe(() -> viewModel.pinTyped(SecretFields.copy(pin)));
        pin.disableProperty().bind(viewModel.entryEnabledProperty().not());
        approve.disableProperty().bind(viewModel.canApproveProperty().not());
        pinSavedNote.textProperty().bind(viewModel.pinSavedNoteProperty());
        forgetPin.disableProperty().bind(viewModel.entryEnabledProperty().not());
        viewModel.pinSavedProperty().subscribe(this::layOut);
        viewModel.phaseProperty().subscribe(phase -> {
            layOut();
            if (phase == LoginApprovalViewModel.Phase.ENTERING) {
                Platform.runLater(() -> (viewModel.pinSavedProperty().get() ? approve : pin).requestFocus());
            } else if (phase == LoginApprovalViewModel.Phase.APPROVED) {
                cancel.getScene().getWindow().hide();
            } else if (phase == LoginApprovalViewModel.Phase.ENDED) {
                pin.clear();
                cancel.requestFocus();
            }
        });
    }

    /** The PIN field while a PIN is asked for; the kept PIN's note and "forget" while one stands in. */
    private void layOut() {
        LoginApprovalViewModel.Phase phase = viewModel.phaseProperty().get();
        boolean open = phase == LoginApprovalViewModel.Phase.FETCHING
                || phase == LoginApprovalViewModel.Phase.ENTERING
                || phase == LoginApprovalViewModel.Phase.SIGNING;
        boolean saved = viewModel.pinSavedProperty().get();
        approve.setVisible(open);
        approve.setManaged(open);
        pinPrompt.setVisible(open && !saved);
        pinPrompt.setManaged(open && !saved);
        pin.setVisible(open && !saved);
        pin.setManaged(open && !saved);
        pinSavedNote.setVisible(open && saved);
        pinSavedNote.setManaged(open && saved);
        forgetPin.setVisible(open && saved);
        forgetPin.setManaged(open && saved);
        cancel.setText(resources.getString(open ? "dialog.cancel" : "dialog.close"));
        if (open && !saved && phase == LoginApprovalViewModel.Phase.ENTERING && forgetPin.isFocused()) {
            Platform.runLater(pin::requestFocus);
        }
    }

    @Override
    public void windowShown() {
        ticker.play();
    }

    @Override
    public void windowHidden() {
        ticker.stop();
        viewModel.cancel();
    }

    @FXML
    private void onApprove() {
        viewModel.approve();
        pin.clear();
    }

    @FXML
    private void onForgetPin() {
        viewModel.forgetSavedPin();
    }

    @FXML
    private void onCancel() {
        cancel.getScene().getWindow().hide();
    }
}
