package se.legitimera.app.ui.pin;

import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import se.legitimera.app.ui.common.Notice;
import se.legitimera.app.ui.common.NoticeLabel;
import se.legitimera.app.ui.common.SecretFields;

/**
 * The controls the PIN change and PUK unblock dialogs share: the PIN chooser, tries left, warning, the rules for
 * the new PIN, the notice, a code field (current PIN or PUK), the new PIN typed twice and the submit button.
 * The fields hand every keystroke over as char[]. JavaFX thread only.
 */
final class NewPinControls {

    /** What both dialogs' view models show through these controls. */
    interface Model {
        ObservableList<PinRole> roles();

        ObjectProperty<PinRole> roleProperty();

        ReadOnlyStringProperty triesTextProperty();

        ReadOnlyObjectProperty<Notice> warningProperty();

        ReadOnlyObjectProperty<Notice> noticeProperty();

        ObservableList<RuleCheck> rules();

        void newPinTyped(char[] typed);

        void confirmationTyped(char[] typed);

        ReadOnlyBooleanProperty entryEnabledProperty();

        ReadOnlyBooleanProperty canSubmitProperty();
    }

    private final ToggleGroup roleGroup;
    private final RadioButton identificationRole;
    private final RadioButton signatureRole;
    private final Label tries;
    private final NoticeLabel warning;
    private final RuleList rules;
    private final NoticeLabel notice;
    private final Button submit;

    NewPinControls(ToggleGroup roleGroup, RadioButton identificationRole, RadioButton signatureRole, Label tries,
                   NoticeLabel warning, RuleList rules, NoticeLabel notice, Button submit) {
        this.roleGroup = roleGroup;
        this.identificationRole = identificationRole;
        this.signatureRole = signatureRole;
        this.tries = tries;
        this.warning = warning;
        this.rules = rules;
        this.notice = notice;
        this.submit = submit;
    }

    /** Binds the controls to {@code model}; what is typed into {@code code} goes to {@code codeTyped}. */
    void bind(Model model, ResourceBundle resources, PasswordField code, Consumer<char[]> codeTyped,
              PasswordField newPin, PasswordField confirmPin) {
        identificationRole.setUserData(PinRole.IDENTIFICATION);
        signatureRole.setUserData(PinRole.SIGNATURE);
        model.roles().subscribe(() -> {
            identificationRole.setDisable(!model.roles().contains(PinRole.IDENTIFICATION));
            signatureRole.setDisable(!model.roles().contains(PinRole.SIGNATURE));
        });
        model.roleProperty().subscribe(role ->
                roleGroup.selectToggle(role == PinRole.SIGNATURE ? signatureRole : identificationRole));
        roleGroup.selectedToggleProperty().subscribe((Toggle toggle) -> {
            if (toggle != null) {
                model.roleProperty().set((PinRole) toggle.getUserData());
            }
        });
        tries.textProperty().bind(model.triesTextProperty());
        model.warningProperty().subscribe(warning::show);
        model.noticeProperty().subscribe(notice::show);
        model.rules().subscribe(() -> rules.show(model.rules(), resources));
        rules.show(model.rules(), resources);

        code.textProperty().subscribe(() -> codeTyped.accept(SecretFields.copy(code)));
        newPin.textProperty().subscribe(() -> model.newPinTyped(SecretFields.copy(newPin)));
        confirmPin.textProperty().subscribe(() -> model.confirmationTyped(SecretFields.copy(confirmPin)));
        for (PasswordField field : new PasswordField[] {code, newPin, confirmPin}) {
            field.disableProperty().bind(model.entryEnabledProperty().not());
        }
        submit.disableProperty().bind(model.canSubmitProperty().not());
    }
}
