package se.legitimera.app.ui.common;

import java.util.Map;
import java.util.function.Supplier;
import javafx.util.Callback;

/**
 * The FXMLLoader's controller factory: builds only the controllers the composition root registered, so an
 * FXML file can never instantiate an arbitrary class.
 */
public final class ControllerFactory implements Callback<Class<?>, Object> {

    private final Map<Class<?>, Supplier<?>> controllers;

    public ControllerFactory(Map<Class<?>, Supplier<?>> controllers) {
        this.controllers = Map.copyOf(controllers);
    }

    /** @throws IllegalArgumentException when {@code type} was not registered */
    @Override
    public Object call(Class<?> type) {
        Supplier<?> supplier = controllers.get(type);
        if (supplier == null) {
            throw new IllegalArgumentException("no controller registered for " + type.getName());
        }
        return supplier.get();
    }
}
