package dev.keydesk.app;

import dev.keydesk.app.connection.Session;
import dev.keydesk.core.connection.Connection;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;

/** The main window's own state: its title, which names the connection and its environment. */
public final class MainViewModel {

    public static final String APP_NAME = "KeyDesk";

    private final StringBinding title;

    public MainViewModel(Session session) {
        this.title = Bindings.createStringBinding(() -> titleFor(session.connectionProperty().get()),
                session.connectionProperty());
    }

    /** "KeyDesk — Production EU (Production)", or "KeyDesk" while not connected. */
    static String titleFor(Connection connection) {
        if (connection == null) {
            return APP_NAME;
        }
        return APP_NAME + " — " + connection.profile().name() + " (" + connection.profile().environment().label() + ")";
    }

    public StringBinding titleProperty() {
        return title;
    }
}
