package dev.keydesk.app.connection;

import dev.keydesk.app.common.Styles;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

import java.util.Locale;
import java.util.Objects;

/**
 * The connected server's environment in strong colours (PRODUCTION red, STAGING amber, SANDBOX
 * green, LOCAL neutral), always visible, so nobody revokes production keys thinking it is a
 * sandbox. Follows the session: switching profiles changes it at once.
 */
public final class EnvironmentBadge extends Label {

    public static final String STYLE_CLASS = "environment-badge";
    public static final String NOT_CONNECTED_STYLE_CLASS = "env-none";

    private final Session session;

    public EnvironmentBadge(Session session) {
        this.session = Objects.requireNonNull(session, "session");
        getStyleClass().add(STYLE_CLASS);
        getStylesheets().add(Objects.requireNonNull(
                EnvironmentBadge.class.getResource("connection.css"), "connection.css").toExternalForm());
        setFocusTraversable(false);
        setMinWidth(USE_PREF_SIZE);
        setTooltip(new Tooltip());
        session.connectionProperty().addListener((o, old, now) -> update(now));
        update(session.connectionProperty().get());
    }

    private void update(Connection connection) {
        getStyleClass().removeIf(c -> c.startsWith("env-"));
        if (connection == null) {
            setText("NOT CONNECTED");
            getStyleClass().add(NOT_CONNECTED_STYLE_CLASS);
            setAccessibleText("Environment: not connected");
            getTooltip().setText("Not connected to a server");
            return;
        }
        Environment environment = connection.profile().environment();
        setText(environment.label().toUpperCase(Locale.ROOT));
        getStyleClass().add(Styles.environment(environment));
        setAccessibleText("Environment: " + environment.label().toLowerCase(Locale.ROOT));
        Profile p = connection.profile();
        getTooltip().setText(environment.label() + " environment: " + p.name()
                + (p.baseUrl() == null ? "" : " (" + p.baseUrl() + ")"));
    }

    /** The session this badge follows. */
    public Session session() {
        return session;
    }
}
