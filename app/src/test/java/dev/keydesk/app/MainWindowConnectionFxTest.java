package dev.keydesk.app;

import dev.keydesk.app.common.Styles;
import dev.keydesk.app.connection.ConnectionState;
import dev.keydesk.app.connection.EnvironmentBadge;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.testing.TestBackend;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main window and its connection, against real servers over real HTTP: the admin key revoked
 * behind the app's back (401), the server going away and coming back, and which server the window
 * says it is on (title, both environment badges) for the embedded local server and a production
 * profile. Each test has its own servers, since each one breaks or replaces them.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowConnectionFxTest {

    @TempDir
    Path dir;
    private MainWindowFixture window;
    private final List<TestBackend> backends = new ArrayList<>();

    @Start
    void start(Stage stage) throws IOException {
        window = MainWindowFixture.show(stage, dir.resolve("home"));
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
        backends.forEach(TestBackend::close);
    }

    @Test
    void anAdminKeyRevokedBehindTheAppsBackShowsAdminKeyRefusedWithReconnect(FxRobot robot) {
        TestBackend backend = backend("server", 5);
        window.connect(robot, backend, "Staging keys", Environment.STAGING);
        List<String> ids = keyIds(backend);
        window.waitForRows(robot, ids);
        window.clickRow(robot, ids.get(0));
        assertThat(window.problemShown(robot)).isFalse();

        // Someone else, with an admin key of their own, revokes the key this app is connected with.
        String appsKeyId = backend.connection().whoami().orElseThrow().key().id();
        CreatedKey other = backend.call(api -> api.createKey(new KeyCreateParams("Second admin", null, null,
                List.of(Permission.ADMIN_ALL), Instant.now().plus(30, ChronoUnit.DAYS))));
        Secret otherSecret = other.secret().orElseThrow();
        try (KeyApi otherAdmin = backend.client(otherSecret)) {
            otherAdmin.revokeKey(appsKeyId);
        } finally {
            otherSecret.wipe();
        }

        assertThat(window.problemShown(robot)).as("nothing noticed before the next request").isFalse();
        robot.type(KeyCode.F5);

        waitUntil("the status bar shows the connection problem", () -> window.problemShown(robot));
        assertThat(window.statusLabel(robot, "#problemLabel").getText()).isEqualTo("Admin key refused: "
                + "The admin key for “Staging keys” was refused: it is invalid, expired, disabled or revoked.");
        Button reconnect = window.problemAction(robot);
        assertThat(reconnect.getText()).isEqualTo("Reconnect…");
        assertThat(onFx(reconnect::isVisible)).isTrue();
        // The key table says so too, instead of a stale or empty list.
        assertThat(robot.from(window.stage.getScene().getRoot()).lookup("#errorTitle").queryAs(Label.class).getText())
                .isEqualTo("Admin key refused");

        // Reconnect… is where a new key is entered: it opens Connections….
        robot.clickOn(reconnect);
        Stage connections = window.waitForWindow("Connections");
        assertThat(connections.getScene().getRoot().getStyleClass()).contains("profiles-dialog");
    }

    @Test
    void aServerThatGoesAwayShowsUnreachableWithRetryAndRetryReconnectsOnceItIsBack(FxRobot robot) {
        TestBackend backend = backend("server", 5);
        window.connect(robot, backend, "Team server", Environment.SANDBOX);
        List<String> ids = keyIds(backend);
        window.waitForRows(robot, ids);
        window.clickRow(robot, ids.get(0));

        backend.stop();
        robot.type(KeyCode.F5);

        waitUntil("the status bar shows the connection problem", () -> window.problemShown(robot));
        assertThat(window.statusLabel(robot, "#problemLabel").getText()).startsWith("Server unreachable: ")
                .contains("it may be down");
        Button retry = window.problemAction(robot);
        assertThat(retry.getText()).isEqualTo("Retry");
        assertThat(robot.from(window.stage.getScene().getRoot()).lookup("#errorTitle").queryAs(Label.class).getText())
                .isEqualTo("Server unreachable");

        // While it is still down, Retry tries again, fails again and says so again.
        ConnectionState firstFailure = onFx(window.connections().stateProperty()::get);
        robot.clickOn(retry);
        waitUntil("the retry failed", () -> window.connections().stateProperty().get()
                instanceof ConnectionState.Failed again && again != firstFailure);
        assertThat(window.problemShown(robot)).isTrue();
        assertThat(window.statusLabel(robot, "#problemLabel").getText()).startsWith("Server unreachable: ");

        backend.restart();
        robot.clickOn(window.problemAction(robot));

        waitUntil("connected again", () -> window.connections().stateProperty().get().isConnected());
        waitUntil("the problem is gone from the status bar", () -> !window.problemShown(robot));
        window.waitForRows(robot, ids);
    }

    @Test
    void theTitleAndBothBadgesNameTheServerLocalThenProduction(FxRobot robot) throws IOException {
        assertThat(onFx(window.stage::getTitle)).isEqualTo("KeyDesk");
        assertThat(onFx(() -> window.badge(robot, ".top-bar").getText())).isEqualTo("NOT CONNECTED");

        // What the app does on a fresh machine: the embedded local server, offering demo data.
        Platform.runLater(window.connections()::connectAtStartup);
        DialogPane demoQuestion = window.waitForAlert();
        assertThat(demoQuestion.getHeaderText()).isEqualTo("Add demo data to the local server?");
        robot.clickOn((Button) demoQuestion.lookupButton(ButtonType.OK));
        waitUntil("connected to the embedded server", () -> window.connections().stateProperty().get().isConnected());

        assertThat(onFx(window.stage::getTitle)).isEqualTo("KeyDesk — Local server (embedded) (Local)");
        assertBadges(robot, "LOCAL", Environment.LOCAL);
        String localUrl = onFx(() -> window.connections().current().orElseThrow().profile().baseUrl());
        assertThat(window.statusLabel(robot, "#connectionLabel").getText())
                .isEqualTo("Local server (embedded) · " + localUrl);
        Secret bootstrap = Secret.of(Files.readString(dir.resolve("home").resolve("local-server")
                .resolve("bootstrap.key")).trim());
        List<String> localIds;
        int revoked;
        try (KeyApi local = KeyApis.builder().baseUrl(URI.create(localUrl)).secret(bootstrap)
                .retryPolicy(RetryPolicy.none()).build()) {
            localIds = local.listAllKeys(n -> { }).stream().map(ApiKey::id).toList();
            revoked = local.listAllKeys(KeyStatus.REVOKED, n -> { }).size();
        } finally {
            bootstrap.wipe();
        }
        // The 60 demo keys (a few of them revoked, which the list leaves out) and the bootstrap key.
        assertThat(localIds.size() + revoked).isEqualTo(61);
        window.waitForRows(robot, localIds);

        // Switching to a production profile: every marker changes at once, and the keys with it.
        TestBackend production = backend("production", 3);
        window.connect(robot, production, "Prod EU", Environment.PRODUCTION);

        assertThat(onFx(window.stage::getTitle)).isEqualTo("KeyDesk — Prod EU (Production)");
        assertBadges(robot, "PRODUCTION", Environment.PRODUCTION);
        assertThat(window.statusLabel(robot, "#connectionLabel").getText())
                .isEqualTo("Prod EU · " + production.server().baseUri());
        window.waitForRows(robot, keyIds(production));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void assertBadges(FxRobot robot, String text, Environment environment) {
        for (String where : List.of(".top-bar", ".status-bar")) {
            EnvironmentBadge badge = window.badge(robot, where);
            assertThat(onFx(badge::getText)).as("badge in %s", where).isEqualTo(text);
            assertThat(onFx(() -> List.copyOf(badge.getStyleClass()))).as("badge in %s", where)
                    .contains(Styles.environment(environment))
                    .noneMatch(c -> c.startsWith("env-") && !c.equals(Styles.environment(environment)));
            assertThat(onFx(() -> badge.isVisible() && badge.getScene() != null && badge.getScene().getWindow()
                    == window.stage)).as("badge in %s visible in the main window", where).isTrue();
        }
    }

    private TestBackend backend(String name, int demoKeys) {
        TestBackend backend = TestBackend.start(dir.resolve(name), demoKeys);
        backends.add(backend);
        return backend;
    }

    private static List<String> keyIds(TestBackend backend) {
        return backend.call(api -> api.listAllKeys(n -> { })).stream().map(ApiKey::id).toList();
    }
}
