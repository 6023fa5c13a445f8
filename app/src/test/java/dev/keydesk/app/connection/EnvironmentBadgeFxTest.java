package dev.keydesk.app.connection;

import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class EnvironmentBadgeFxTest {

    private final FixedSession session = new FixedSession(connection(Environment.PRODUCTION));
    private EnvironmentBadge badge;

    static Connection connection(Environment environment) {
        FakeKeyApi api = new FakeKeyApi("Admin", "admin:*");
        Profile p = new Profile("p-" + environment, environment.label() + " server", "https://keys.example.com",
                environment, Profile.KeySource.SESSION_ONLY, null);
        return new Connection(p, api, Optional.of(api.whoami), Catalog.builtIn(), KeyPolicy.defaults());
    }

    @Start
    void start(Stage stage) {
        badge = new EnvironmentBadge(session);
        badge.setId("badge");
        stage.setScene(new Scene(new StackPane(badge), 300, 80));
        stage.show();
    }

    @Test
    void a_production_profile_shows_production_in_red(FxRobot robot) {
        EnvironmentBadge shown = robot.lookup("#badge").queryAs(EnvironmentBadge.class);
        assertThat(shown.isVisible()).isTrue();
        assertThat(shown.getText()).isEqualTo("PRODUCTION");
        assertThat(shown.getStyleClass()).contains("environment-badge", "env-production");
        assertThat(shown.getAccessibleText()).isEqualTo("Environment: production");
    }

    @Test
    void switching_profiles_changes_the_badge_at_once(FxRobot robot) {
        robot.interact(() -> session.set(connection(Environment.SANDBOX)));
        assertThat(badge.getText()).isEqualTo("SANDBOX");
        assertThat(badge.getStyleClass()).contains("env-sandbox").doesNotContain("env-production");

        robot.interact(() -> session.set(null));
        assertThat(badge.getText()).isEqualTo("NOT CONNECTED");
        assertThat(badge.getStyleClass()).contains("env-none").noneMatch(c -> c.equals("env-sandbox"));
    }
}
