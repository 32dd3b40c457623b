package se.legitimera.app.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The one class that opens windows. Each window exists once; opening it again brings it to the front.
 * Must be called on the JavaFX thread.
 */
public final class WindowOpener {

    private final ResourceBundle messages;
    private final Map<Class<?>, Supplier<?>> controllers;
    private final Runnable onMainWindowClosed;
    private final Map<FxmlView, Stage> stages = new EnumMap<>(FxmlView.class);

    /**
     * @param controllers        the only controllers FXML may create, by class
     * @param onMainWindowClosed what closing the main window means: hide (tray present) or quit (no tray)
     */
    public WindowOpener(ResourceBundle messages, Map<Class<?>, Supplier<?>> controllers, Runnable onMainWindowClosed) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.controllers = Map.copyOf(controllers);
        this.onMainWindowClosed = Objects.requireNonNull(onMainWindowClosed, "onMainWindowClosed");
    }

    public Stage show(FxmlView view) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("windows are opened on the JavaFX thread only");
        }
        Stage stage = stages.computeIfAbsent(view, this::createStage);
        stage.show();
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
        return stage;
    }

    private Stage createStage(FxmlView view) {
        FXMLLoader loader = new FXMLLoader(FxmlView.class.getResource(view.resource()), messages);
        loader.setControllerFactory(this::controller);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + view.resource(), e);
        }
        Stage stage = new Stage();
        stage.setTitle(messages.getString(view.titleKey()));
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Objects.requireNonNull(FxmlView.class.getResource("/css/legitimera.css")).toExternalForm());
        stage.setScene(scene);
        if (view == FxmlView.MAIN) {
            stage.setOnHidden(e -> onMainWindowClosed.run());
        }
        return stage;
    }

    private Object controller(Class<?> type) {
        Supplier<?> supplier = controllers.get(type);
        if (supplier == null) {
            throw new IllegalArgumentException("no controller registered for " + type.getName());
        }
        return supplier.get();
    }
}
