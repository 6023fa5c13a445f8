package dev.keydesk.app;

import dev.keydesk.app.activity.ActivityView;
import dev.keydesk.app.activity.ActivityViewModel;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.activity.EventCategory;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.testing.TestBackend;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Activity workspace in the real main window against the real local server: failed
 * authentications happen for real (a frozen key's secret, an unknown one), the view filters them,
 * and a row opens its key in the Keys workspace.
 */
@ExtendWith(ApplicationExtension.class)
class ActivityWorkspaceFxTest {

    private static final KeyCodeCombination CTRL_2 = new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN);

    @TempDir
    static Path dir;
    private static TestBackend backend;
    private static ApiKey frozen;

    private MainWindowFixture window;

    @BeforeAll
    static void server() {
        backend = TestBackend.start(dir.resolve("server"), 30);
        CreatedKey created = backend.call(api -> api.createKey(new KeyCreateParams("Frozen partner key", null, "live",
                List.of(Permission.parse("datasets:read")), Instant.now().plus(60, ChronoUnit.DAYS))));
        Secret secret = created.secret().orElseThrow();
        frozen = created.key();
        backend.call(api -> api.updateKey(frozen.id(), KeyUpdateParams.builder().status(KeyStatus.DISABLED).build(), null));
        // A partner still calling with the frozen key: a failed authentication that names the key.
        try (KeyApi partner = backend.client(secret)) {
            assertThatThrownBy(partner::whoami).isInstanceOf(UnauthorizedException.class);
        }
        secret.wipe();
        // And someone guessing: one that names none.
        Secret guess = Secret.of("sk_live_" + "x".repeat(40));
        try (KeyApi stranger = backend.client(guess)) {
            assertThatThrownBy(stranger::whoami).isInstanceOf(UnauthorizedException.class);
        }
    }

    @AfterAll
    static void stopServer() {
        if (backend != null) {
            backend.close();
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        window = MainWindowFixture.show(stage, dir.resolve("home-" + System.nanoTime()));
    }

    @BeforeEach
    void connect(FxRobot robot) {
        window.connect(robot, backend, "Team server", Environment.SANDBOX);
        window.waitForRows(robot, backend.call(api -> api.listAllKeys(n -> { })).stream().map(ApiKey::id).toList());
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void filteringFailedAuthenticationsAndOpeningTheKey(FxRobot robot) {
        robot.clickOn(window.table(robot));
        robot.push(CTRL_2);
        TableView<ActivityViewModel.Row> events = events(robot);
        waitUntil("the audit log is listed", () -> !events.getItems().isEmpty());
        assertThat(onFx(() -> events.getItems().stream().map(r -> r.event().type()).distinct().count()))
                .as("every kind at first").isGreaterThan(1);

        robot.clickOn(toggle(robot, EventCategory.FAILED_AUTH));
        waitUntil("only failed authentications are listed", () -> !events.getItems().isEmpty()
                && events.getItems().stream().allMatch(r -> "auth.failed".equals(r.event().type()))
                && events.getItems().stream().anyMatch(r -> frozen.id().equals(r.event().keyId())));
        assertThat(onFx(() -> events.getItems().stream().filter(r -> r.event().keyId() == null).count()))
                .as("the guess names no key").isPositive();
        Label failures = robot.from(tile(robot, EventCategory.FAILED_AUTH)).lookup(".tile-counts").queryAs(Label.class);
        assertThat(onFx(failures::getText)).doesNotStartWith("24 h  0");

        ActivityViewModel.Row row = onFx(() -> events.getItems().stream()
                .filter(r -> frozen.id().equals(r.event().keyId())).findFirst().orElseThrow());
        assertThat(row.key()).isEqualTo("Frozen partner key");
        robot.interact(() -> events.scrollTo(row));
        Node cell = robot.from(events).lookup(".table-row-cell")
                .match(n -> n instanceof TableRow<?> r && r.getItem() == row).query();
        robot.doubleClickOn(cell);

        waitUntil("the Keys workspace shows the key", () -> window.table(robot).getSelectionModel().getSelectedItems().size() == 1
                && window.table(robot).getSelectionModel().getSelectedItem().id().equals(frozen.id()));
        Label title = robot.lookup(".details-title").queryAs(Label.class);
        waitUntil("its details show", () -> "Frozen partner key".equals(title.getText()));
        assertThat(onFx(() -> title.getScene() != null && title.isVisible())).isTrue();
        assertThat(onFx(() -> keysTabSelected(robot))).isTrue();
    }

    /**
     * The Revoked status: against a server that lists revoked keys, the history with who and when;
     * against one that does not (this branch's server before 1.1), unavailable with the reason.
     */
    @Test
    void theRevokedStatusShowsTheHistoryOrSaysWhyNot(FxRobot robot) {
        ApiKey doomed = backend.call(api -> api.createKey(new KeyCreateParams("Revoked for the history", null, "test",
                List.of(Permission.parse("datasets:read")), Instant.now().plus(30, ChronoUnit.DAYS)))).key();
        backend.call(api -> {
            api.revokeKey(doomed.id());
            return null;
        });
        boolean listable = backend.call(api -> api.capabilities().has(dev.keydesk.client.Capability.REVOKED_LIST));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<dev.keydesk.app.keys.Choice<String>> status = robot.lookup(".combo-box")
                .match(n -> "Filter by status".equals(n.getAccessibleText())).queryAs(javafx.scene.control.ComboBox.class);
        waitUntil("the app asked the server what it offers", () -> status.getTooltip() != null
                && status.getTooltip().getText().startsWith(listable ? "Filter by status;" : "Filter by status. Revoked keys:"));
        robot.interact(() -> status.setValue(status.getItems().stream()
                .filter(c -> KeyStatus.REVOKED.equals(c.value())).findFirst().orElseThrow()));
        if (listable) {
            waitUntil("the revoked keys are listed", () -> window.row(robot, doomed.id()).isPresent());
            assertThat(window.row(robot, doomed.id()).orElseThrow().revokedAt()).isNotNull();
        } else {
            Label title = robot.lookup("#errorTitle").queryAs(Label.class);
            waitUntil("the table says why", () -> "Revoked keys cannot be listed".equals(title.getText()));
            assertThat(onFx(() -> robot.lookup("#errorWhat").queryAs(Label.class).getText()))
                    .contains("does not list revoked keys");
        }
        robot.interact(() -> status.getSelectionModel().select(0));
        waitUntil("the keys are back", () -> window.row(robot, frozen.id()).isPresent());
    }

    private static boolean keysTabSelected(FxRobot robot) {
        javafx.scene.control.TabPane tabs = robot.lookup(".workspaces").queryAs(javafx.scene.control.TabPane.class);
        return tabs.getSelectionModel().getSelectedItem().getUserData() == Workspaces.Workspace.KEYS;
    }

    @SuppressWarnings("unchecked")
    private static TableView<ActivityViewModel.Row> events(FxRobot robot) {
        return robot.lookup("#events").queryAs(TableView.class);
    }

    private static ToggleButton toggle(FxRobot robot, EventCategory category) {
        return robot.lookup("." + ActivityView.CATEGORY_TOGGLE).match(n -> n.getUserData() == category)
                .queryAs(ToggleButton.class);
    }

    private static Node tile(FxRobot robot, EventCategory category) {
        return robot.lookup("." + ActivityView.TILE).match(n -> n.getUserData() == category).query();
    }

}
