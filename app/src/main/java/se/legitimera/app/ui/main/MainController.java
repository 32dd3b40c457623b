package se.legitimera.app.ui.main;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;

/** Binds the main window's controls to its view model. */
public final class MainController {

    private final MainViewModel viewModel;
    private final Runnable quit;

    @FXML
    private Label serviceStatus;
    @FXML
    private Label readersStatus;
    @FXML
    private ListView<String> readerList;

    public MainController(MainViewModel viewModel, Runnable quit) {
        this.viewModel = viewModel;
        this.quit = quit;
    }

    @FXML
    private void initialize() {
        serviceStatus.textProperty().bind(viewModel.serviceStatusProperty());
        viewModel.serviceAvailableProperty().subscribe(available -> {
            serviceStatus.getStyleClass().removeAll("status-ok", "status-error");
            serviceStatus.getStyleClass().add(available ? "status-ok" : "status-error");
        });
        readersStatus.textProperty().bind(viewModel.readersStatusProperty());
        readerList.setItems(viewModel.readers());
    }

    @FXML
    private void onQuit() {
        quit.run();
    }
}
