package dev.keydesk.app.testing;

import dev.keydesk.app.connection.Session;
import dev.keydesk.core.connection.Connection;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** A session whose connection the test sets by hand. */
public final class FixedSession implements Session {

    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>();

    public FixedSession(Connection connection) {
        this.connection.set(connection);
    }

    public void set(Connection value) {
        connection.set(value);
    }

    @Override
    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }
}
