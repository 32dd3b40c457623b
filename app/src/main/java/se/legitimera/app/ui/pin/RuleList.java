package se.legitimera.app.ui.pin;

import java.util.List;
import java.util.ResourceBundle;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The rules for a new code, one line each with a mark: met, broken or not judged yet. The mark is a
 * character as well as a colour, and each line's accessible text says the state in words.
 */
public final class RuleList extends VBox {

    public RuleList() {
        getStyleClass().add("rule-list");
        setSpacing(2);
        setAccessibleRole(AccessibleRole.LIST_VIEW);
    }

    public void show(List<RuleCheck> rules, ResourceBundle messages) {
        getChildren().setAll(rules.stream().map(rule -> line(rule, messages)).toList());
    }

    private static Label line(RuleCheck rule, ResourceBundle messages) {
        String mark;
        String stateKey;
        switch (rule.state()) {
            case MET -> {
                mark = "\u2713";
                stateKey = "pin.rule.met";
            }
            case BROKEN -> {
                mark = "\u2717";
                stateKey = "pin.rule.broken";
            }
            default -> {
                mark = "\u2022";
                stateKey = "pin.rule.pending";
            }
        }
        Label label = new Label(mark + "  " + rule.text());
        label.getStyleClass().addAll("rule", "rule-" + rule.state().name().toLowerCase(java.util.Locale.ROOT));
        label.setWrapText(true);
        label.setAccessibleText(rule.text() + ": " + messages.getString(stateKey));
        return label;
    }
}
