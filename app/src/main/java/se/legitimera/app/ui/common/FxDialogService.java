package se.legitimera.app.ui.common;

import java.util.Objects;
import java.util.ResourceBundle;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** {@link DialogService} with JavaFX alerts in the app's theme, translated buttons and accessible texts. */
public final class FxDialogService implements DialogService {

    private final ResourceBundle messages;
    private final Theme theme;

    public FxDialogService(ResourceBundle messages, Theme theme) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.theme = Objects.requireNonNull(theme, "theme");
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message, new ButtonType(messages.getString("dialog.ok"),
                ButtonBar.ButtonData.OK_DONE)).showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message, new ButtonType(messages.getString("dialog.ok"),
                ButtonBar.ButtonData.OK_DONE)).showAndWait();
    }

    @Override
    public boolean confirm(String title, String message) {
        ButtonType yes = new ButtonType(messages.getString("dialog.yes"), ButtonBar.ButtonData.YES);
        ButtonType no = new ButtonType(messages.getString("dialog.no"), ButtonBar.ButtonData.NO);
        return alert(Alert.AlertType.CONFIRMATION, title, message, yes, no).showAndWait()
                .filter(yes::equals).isPresent();
    }

    private Alert alert(Alert.AlertType type, String title, String message, ButtonType... buttons) {
        Alert alert = new Alert(type, message, buttons);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setAccessibleText(title + ". " + message);
        alert.getDialogPane().getStylesheets().addAll(theme.stylesheetUrls());
        Window.getWindows().stream().filter(Window::isFocused).findFirst().ifPresent(alert::initOwner);
        return alert;
    }
}
