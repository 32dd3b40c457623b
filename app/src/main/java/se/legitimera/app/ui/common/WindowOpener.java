package se.legitimera.app.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.stage.Modality;
import javafx.stage.Stage;

/**
 * The one class that opens windows. Each window exists once; opening it again brings it to the front.
 * Every password field of a window is cleared when the window hides. Must be called on the JavaFX thread.
 */
public final class WindowOpener {

    private final ResourceBundle messages;
    private final ControllerFactory controllers;
    private final Theme theme;
    private final Runnable onMainWindowClosed;
    private final Map<FxmlView, Stage> stages = new EnumMap<>(FxmlView.class);

    /**
     * @param controllers        the only controllers FXML may create
     * @param onMainWindowClosed what closing the main window means: nothing (tray present) or quit (no tray)
     */
    public WindowOpener(ResourceBundle messages, ControllerFactory controllers, Theme theme,
                        Runnable onMainWindowClosed) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.controllers = Objects.requireNonNull(controllers, "controllers");
        this.theme = Objects.requireNonNull(theme, "theme");
        this.onMainWindowClosed = Objects.requireNonNull(onMainWindowClosed, "onMainWindowClosed");
    }

    /**
     * Shows the window, creating it on first use, and brings it to the front. A controller that is a
     * {@link WindowLifecycle} hears {@code windowShown} only when the window was not already showing.
     *
     * @throws IllegalStateException when called off the JavaFX thread
     */
    public Stage show(FxmlView view) {
        requireFxThread();
        Stage stage = stages.computeIfAbsent(view, this::createStage);
        boolean wasShowing = stage.isShowing();
        stage.show();
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
        if (!wasShowing && stage.getUserData() instanceof WindowLifecycle lifecycle) {
            lifecycle.windowShown();
        }
        return stage;
    }

    /** Hides the window if it is open; its password fields are cleared. */
    public void hide(FxmlView view) {
        requireFxThread();
        Stage stage = stages.get(view);
        if (stage != null) {
            stage.hide();
        }
    }

    /** Whether the window is on screen. */
    public boolean isShowing(FxmlView view) {
        requireFxThread();
        Stage stage = stages.get(view);
        return stage != null && stage.isShowing();
    }

    private Stage createStage(FxmlView view) {
        FXMLLoader loader = new FXMLLoader(FxmlView.class.getResource(view.resource()), messages);
        loader.setControllerFactory(controllers);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + view.resource(), e);
        }
        stripMnemonicMarks(root);
        Stage stage = new Stage();
        stage.setTitle(messages.getString(view.titleKey()));
        stage.setAlwaysOnTop(view.alwaysOnTop());
        if (view.modal()) {
            stage.initModality(Modality.APPLICATION_MODAL);
        }
        Scene scene = new Scene(root);
        scene.getStylesheets().addAll(theme.stylesheetUrls());
        stage.setScene(scene);
        if (view.fitsContent()) {
            // Warnings and answers appear and vanish as the user types; never let them fall off the window.
            scene.addPostLayoutPulseListener(() -> {
                double wanted = root.prefHeight(scene.getWidth());
                if (stage.isShowing() && Math.abs(wanted - scene.getHeight()) > 1) {
                    stage.sizeToScene();
                }
            });
        }
        Object controller = loader.getController();
        stage.setUserData(controller);
        stage.setOnHidden(e -> {
            clearPasswordFields(root);
            if (controller instanceof WindowLifecycle lifecycle) {
                lifecycle.windowHidden();
            }
            if (view == FxmlView.MAIN) {
                onMainWindowClosed.run();
            }
        });
        return stage;
    }

    /** FXML reuses the visible "_Avbryt" texts as accessible names; screen readers must not read the mark. */
    private static void stripMnemonicMarks(Node node) {
        String text = node.getAccessibleText();
        if (text != null && text.indexOf('_') >= 0) {
            node.setAccessibleText(text.replaceFirst("_", ""));
        }
        if (node instanceof ScrollPane scroll && scroll.getContent() != null) {
            stripMnemonicMarks(scroll.getContent()); // not among its children before its skin exists
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(WindowOpener::stripMnemonicMarks);
        }
    }

    private static void clearPasswordFields(Parent parent) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (child instanceof PasswordField field) {
                field.clear();
            } else if (child instanceof Parent nested) {
                clearPasswordFields(nested);
            }
        }
    }

    private static void requireFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("windows are opened on the JavaFX thread only");
        }
    }
}
