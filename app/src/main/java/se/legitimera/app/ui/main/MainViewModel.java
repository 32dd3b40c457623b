package se.legitimera.app.ui.main;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import se.legitimera.smartcard.pcsc.PcscSnapshot;

/**
 * State of the main window, without any Node: testable without a screen. Updated on the JavaFX thread.
 */
public final class MainViewModel {

    private final ResourceBundle messages;
    private final ReadOnlyStringWrapper serviceStatus = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper serviceAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper readersStatus = new ReadOnlyStringWrapper();
    private final ObservableList<String> readers = FXCollections.observableArrayList();

    public MainViewModel(ResourceBundle messages) {
        this.messages = messages;
        serviceStatus.set(messages.getString("main.pcsc.checking"));
        readersStatus.set("");
    }

    public void update(PcscSnapshot snapshot) {
        serviceAvailable.set(snapshot.serviceAvailable());
        serviceStatus.set(snapshot.serviceAvailable()
                ? messages.getString("main.pcsc.available")
                : MessageFormat.format(messages.getString("main.pcsc.unavailable"), snapshot.problem()));
        readers.setAll(snapshot.readers());
        if (!snapshot.serviceAvailable()) {
            readersStatus.set(messages.getString("main.readers.unknown"));
        } else if (snapshot.readers().isEmpty()) {
            readersStatus.set(messages.getString("main.readers.none"));
        } else {
            readersStatus.set(MessageFormat.format(messages.getString("main.readers.count"), snapshot.readers().size()));
        }
    }

    public ReadOnlyStringProperty serviceStatusProperty() {
        return serviceStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty serviceAvailableProperty() {
        return serviceAvailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty readersStatusProperty() {
        return readersStatus.getReadOnlyProperty();
    }

    public ObservableList<String> readers() {
        return FXCollections.unmodifiableObservableList(readers);
    }
}
