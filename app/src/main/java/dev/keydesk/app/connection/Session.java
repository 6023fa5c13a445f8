package dev.keydesk.app.connection;

import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Connection;
import javafx.beans.property.ReadOnlyObjectProperty;

import java.util.Optional;

/**
 * The connection the app works on now. Switching profiles replaces {@link #connectionProperty()};
 * everything that shows keys listens to it. Changed on the FX thread only.
 */
public interface Session {

    /** Null while not connected. */
    ReadOnlyObjectProperty<Connection> connectionProperty();

    default Optional<Connection> current() {
        return Optional.ofNullable(connectionProperty().get());
    }

    /**
     * Whether the connected admin key holds {@code permission}. True when the server cannot say
     * (no whoami endpoint): the server then decides, and its refusal is shown.
     */
    default boolean holds(Permission permission) {
        return current().map(c -> c.holds(permission)).orElse(false);
    }
}
