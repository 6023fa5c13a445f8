package dev.keydesk.app;

import javafx.util.Callback;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands FXML its controllers, built with their dependencies by the composition root (constructor
 * injection instead of a static locator). FXML asks by class; a class nobody registered is a
 * wiring mistake and fails loudly.
 */
public final class ControllerFactory implements Callback<Class<?>, Object> {

    private final Map<Class<?>, Supplier<?>> suppliers = new HashMap<>();

    public <T> ControllerFactory register(Class<T> type, Supplier<? extends T> supplier) {
        suppliers.put(type, supplier);
        return this;
    }

    @Override
    public Object call(Class<?> type) {
        Supplier<?> supplier = suppliers.get(type);
        if (supplier == null) {
            throw new IllegalStateException("No controller registered for " + type.getName());
        }
        return supplier.get();
    }
}
