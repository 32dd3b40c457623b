package se.legitimera.app.ui.main;

import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import se.legitimera.app.ui.common.Notice;
import se.legitimera.app.ui.common.NoticeLabel;

/** Binds the main window's controls to its view model. */
public final class MainController {

    /** What the main window's buttons do; each runs on the JavaFX thread. */
    public record Actions(Runnable changePin, Runnable unblockPin, Runnable settings, Runnable about, Runnable quit,
                          Consumer<String> toggleTunnel, Runnable startWaiting, Runnable stopWaiting) {
        public Actions {
            Objects.requireNonNull(startWaiting, "startWaiting");
            Objects.requireNonNull(stopWaiting, "stopWaiting");
            Objects.requireNonNull(changePin, "changePin");
            Objects.requireNonNull(unblockPin, "unblockPin");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(about, "about");
            Objects.requireNonNull(quit, "quit");
            Objects.requireNonNull(toggleTunnel, "toggleTunnel");
        }
    }

    private final MainViewModel viewModel;
    private final Actions actions;

    @FXML
    private ResourceBundle resources;
    @FXML
    private HBox cardChooserRow;
    @FXML
    private ComboBox<CardOverview> cardChooser;
    @FXML
    private Label cardStatus;
    @FXML
    private VBox certificates;
    @FXML
    private VBox pinTries;
    @FXML
    private NoticeLabel pinWarning;
    @FXML
    private Label serviceStatus;
    @FXML
    private Label readersStatus;
    @FXML
    private ListView<String> readerList;
    @FXML
    private VBox tunnels;
    @FXML
    private VBox waitingSection;
    @FXML
    private Label waitingStatus;
    @FXML
    private NoticeLabel waitingProblem;
    @FXML
    private Button startWaiting;
    @FXML
    private Button stopWaiting;
    @FXML
    private Button changePin;
    @FXML
    private Button unblockPin;

    public MainController(MainViewModel viewModel, Actions actions) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    @FXML
    private void initialize() {
        cardChooserRow.visibleProperty().bind(viewModel.severalCardsProperty());
        cardChooserRow.managedProperty().bind(viewModel.severalCardsProperty());
        cardChooser.setItems(viewModel.cards());
        cardChooser.setConverter(new StringConverter<>() {
            @Override
            public String toString(CardOverview card) {
                return card == null ? "" : card.cardType() + " \u2013 " + card.readerName();
            }

            @Override
            public CardOverview fromString(String text) {
                throw new UnsupportedOperationException("the card chooser is not editable");
            }
        });
        cardChooser.valueProperty().bindBidirectional(viewModel.activeCardProperty());
        cardStatus.textProperty().bind(viewModel.cardStatusProperty());
        // A list subscription hears changes only: show what the model already holds too.
        viewModel.certificates().subscribe(this::showCertificates);
        showCertificates();
        viewModel.pinTries().subscribe(this::showPinTries);
        showPinTries();
        viewModel.pinWarningProperty().subscribe(pinWarning::show);
        changePin.disableProperty().bind(viewModel.activeCardProperty().isNull());
        unblockPin.disableProperty().bind(viewModel.activeCardProperty().isNull());

        serviceStatus.textProperty().bind(viewModel.serviceStatusProperty());
        viewModel.serviceAvailableProperty().subscribe(available -> {
            serviceStatus.getStyleClass().removeAll("status-ok", "status-error");
            serviceStatus.getStyleClass().add(available ? "status-ok" : "status-error");
        });
        readersStatus.textProperty().bind(viewModel.readersStatusProperty());
        readerList.setItems(viewModel.readers());
        viewModel.tunnels().subscribe(this::showTunnels);
        showTunnels();
        waitingSection.visibleProperty().bind(viewModel.waitingShownProperty());
        waitingSection.managedProperty().bind(viewModel.waitingShownProperty());
        waitingStatus.textProperty().bind(viewModel.waitingStatusProperty());
        viewModel.waitingProblemProperty().subscribe(waitingProblem::show);
        startWaiting.visibleProperty().bind(viewModel.canStopWaitingProperty().not());
        startWaiting.managedProperty().bind(viewModel.canStopWaitingProperty().not());
        startWaiting.disableProperty().bind(viewModel.canStartWaitingProperty().not());
        stopWaiting.visibleProperty().bind(viewModel.canStopWaitingProperty());
        stopWaiting.managedProperty().bind(viewModel.canStopWaitingProperty());
    }

    @FXML
    private void onStartWaiting() {
        actions.startWaiting().run();
    }

    @FXML
    private void onStopWaiting() {
        actions.stopWaiting().run();
    }

    private void showTunnels() {
        if (viewModel.tunnels().isEmpty()) {
            tunnels.getChildren().setAll(new Label(resources.getString("main.tunnels.none")));
            return;
        }
        tunnels.getChildren().setAll(viewModel.tunnels().stream().map(this::tunnelBox).toList());
    }

    private HBox tunnelBox(TunnelRow row) {
        Label name = new Label(row.name());
        name.getStyleClass().add("subsection-heading");
        Label address = new Label(row.address());
        address.setWrapText(true);
        Label state = new Label(row.state());
        state.setWrapText(true);
        state.getStyleClass().add(row.running() ? "status-ok" : "field-name");
        VBox text = new VBox(2, name, address, state);
        if (row.locked()) {
            Label locked = new Label(resources.getString("main.tunnels.locked"));
            locked.getStyleClass().add("field-name");
            text.getChildren().add(locked);
        }
        text.setAccessibleText(row.name() + ", " + row.address() + ", " + row.state());
        Button toggle = new Button(row.toggle());
        toggle.setAccessibleText(row.toggle() + " " + row.name());
        toggle.setOnAction(e -> actions.toggleTunnel().accept(row.name()));
        HBox box = new HBox(12, text, toggle);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        box.getStyleClass().add("tunnel");
        return box;
    }

    private void showPinTries() {
        pinTries.getChildren().setAll(viewModel.pinTries().stream().map(Label::new).toList());
    }

    private void showCertificates() {
        certificates.getChildren().setAll(viewModel.certificates().stream().map(this::certificateBox).toList());
    }

    private VBox certificateBox(CertificateRow row) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(2);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(110);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, values);
        addRow(grid, 0, "main.cert.holder", row.holder(), Notice.Kind.NONE);
        addRow(grid, 1, "main.cert.hsaId", row.hsaId(), Notice.Kind.NONE);
        addRow(grid, 2, "main.cert.issuer", row.issuer(), Notice.Kind.NONE);
        addRow(grid, 3, "main.cert.validity", row.validity(), row.validityKind());
        addRow(grid, 4, "main.cert.trust", row.trustLevel(), Notice.Kind.NONE);
        addRow(grid, 5, "main.cert.revocation", row.revocation(), row.revocationKind());
        Label title = new Label(row.title());
        title.getStyleClass().add("subsection-heading");
        VBox box = new VBox(4, title, grid);
        box.getStyleClass().add("certificate");
        return box;
    }

    private void addRow(GridPane grid, int index, String labelKey, String value, Notice.Kind kind) {
        Label name = new Label(resources.getString(labelKey));
        name.getStyleClass().add("field-name");
        Label text = new Label(value);
        text.setWrapText(true);
        text.setAccessibleText(resources.getString(labelKey) + ": " + value);
        if (kind != Notice.Kind.NONE) {
            text.getStyleClass().add("notice-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        grid.addRow(index, name, text);
    }

    @FXML
    private void onChangePin() {
        actions.changePin().run();
    }

    @FXML
    private void onUnblockPin() {
        actions.unblockPin().run();
    }

    @FXML
    private void onSettings() {
        actions.settings().run();
    }

    @FXML
    private void onAbout() {
        actions.about().run();
    }

    @FXML
    private void onQuit() {
        actions.quit().run();
    }
}
