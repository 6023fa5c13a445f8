package dev.keydesk.app;

import dev.keydesk.app.review.CutoverViewModel;
import dev.keydesk.app.review.KeyReviewViewModel;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.rotation.Grace;
import dev.keydesk.core.testing.OffsetClock;
import dev.keydesk.core.testing.TestBackend;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The Review workspace in the real main window against the real local server, whose clock started
 * 120 days ago so that the keys this test makes (and holds the secrets of) are due for rotation:
 * review a due key → accept the proposal → rotate with 24 h grace → the tracker sees the old key
 * still in use → revoke it early. The server's state proves each step.
 */
@ExtendWith(ApplicationExtension.class)
class ReviewWorkspaceFxTest {

    private static final KeyCodeCombination CTRL_4 = new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN);
    private static final Duration AGO = Duration.ofDays(120);

    @TempDir
    static Path dir;
    private static final OffsetClock serverClock = new OffsetClock(AGO.negated());
    private static TestBackend backend;
    private static final List<Secret> secrets = new ArrayList<>();

    private MainWindowFixture window;

    @BeforeAll
    static void server() {
        backend = TestBackend.start(dir.resolve("server"), 0, o -> o.clock(serverClock));
    }

    @AfterAll
    static void stopServer() {
        secrets.forEach(Secret::wipe);
        if (backend != null) {
            backend.close();
        }
    }

    /** A key made 120 days ago, used now for datasets:read only. */
    private static CreatedKey dueKey(String name, String... permissions) {
        serverClock.setOffset(AGO.negated());
        CreatedKey k;
        try {
            k = backend.call(api -> api.createKey(new KeyCreateParams(name, "the nightly export", "live",
                    Arrays.stream(permissions).map(Permission::parse).toList(), Instant.now().plus(100, ChronoUnit.DAYS))));
        } finally {
            serverClock.setOffset(Duration.ZERO);
        }
        secrets.add(k.secret().orElseThrow());
        assertThat(backend.useKey(k.secret().orElseThrow(), "datasets", false)).isEqualTo(200);
        return k;
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
    void reviewADueKeyAcceptRotateWithADaysGraceSeeTheOldKeyStillInUseAndRevokeItEarly(FxRobot robot) {
        String name = "Nightly ETL " + System.nanoTime();
        CreatedKey old = dueKey(name, "datasets:read", "datasets:write", "jobs:read");
        robot.type(KeyCode.F5);
        waitUntil("the key is in the table", () -> window.row(robot, old.key().id()).isPresent());

        // Ctrl+4: the Review workspace, by default every key due for rotation.
        robot.clickOn(window.table(robot));
        robot.push(CTRL_4);
        ListView<KeyReviewViewModel> keys = robot.lookup(".review-key-list").queryAs(ListView.class);
        waitUntil("the due key is reviewed with its usage", () -> keys.getItems().stream().anyMatch(i ->
                i.key().id().equals(old.key().id()) && i.loadStateProperty().get() == KeyReviewViewModel.LoadState.LOADED));
        Label title = robot.lookup(".review-toolbar .review-title").queryAs(Label.class);
        assertThat(onFx(title::getText)).contains("due for rotation");
        robot.clickOn(robot.from(keys).lookup(".list-cell").match((ListCell<KeyReviewViewModel> c) ->
                c.getItem() != null && c.getItem().key().id().equals(old.key().id())).queryAs(Node.class));
        waitUntil("its review shows", () -> onFx(() -> robot.lookup(".review-key-title").queryAs(Label.class).getText())
                .equals(name));

        // The matrix with its usage: the used grant with its counts, the unused write marked.
        waitUntil("the overlay marks the never-used write", () -> robot.lookup("#perm-datasets-write").tryQuery()
                .map(box -> box.getParent().lookupAll(".matrix-cell-note").stream().anyMatch(n ->
                        n instanceof Label l && l.isVisible() && "never used".equals(l.getText())
                                && l.getStyleClass().contains("usage-risky"))).orElse(false));
        Label proposal = robot.lookup(".review-kind").queryAs(Label.class);
        assertThat(onFx(proposal::getText)).isEqualTo("Narrow");
        assertThat(onFx(() -> robot.lookup(".review-risk").queryAs(Label.class).getText()))
                .isEqualTo("Drops datasets:write (write access)");

        robot.clickOn(robot.lookup("#acceptButton").queryButton());
        ComboBox<Grace> grace = robot.lookup("#graceBox").queryComboBox();
        assertThat(onFx(grace::getValue)).isEqualTo(Grace.DAY);
        Instant before = Instant.now();
        robot.clickOn(robot.lookup("#rotateButton").queryButton());

        DialogPane confirmation = window.waitForAlert();
        assertThat(confirmation.getHeaderText()).startsWith("Rotate “" + name + "”");
        assertThat(confirmation.getContentText()).contains("keep working for 24 hours")
                .contains("removes datasets:write, jobs:read");
        robot.clickOn(robot.from(confirmation).lookup(".button").match((Button b) -> "Rotate".equals(b.getText()))
                .queryButton());

        Stage secretDialog = window.waitForWindow("KeyDesk — New key — copy the secret now");
        robot.clickOn(robot.from(secretDialog.getScene().getRoot()).lookup("#storedBox").queryAs(Node.class));
        robot.clickOn(robot.from(secretDialog.getScene().getRoot()).lookup("#closeButton").queryButton());
        waitUntil("the secret dialog closed", () -> !secretDialog.isShowing());

        // The server: a replacement with the narrowed set, the old key marked, its expiry moved.
        ApiKey replacement = backend.call(api -> api.listAllKeys(n -> { })).stream()
                .filter(k -> name.equals(k.name())).findFirst().orElseThrow();
        assertThat(replacement.id()).isNotEqualTo(old.key().id());
        assertThat(replacement.permissions()).containsExactly(Permission.parse("datasets:read"));
        ApiKey oldNow = backend.call(api -> api.getKey(old.key().id())).key();
        assertThat(oldNow.name()).isEqualTo("[rotating] " + name);
        assertThat(oldNow.permissions()).hasSize(3);
        assertThat(oldNow.expiresAt()).isCloseTo(before.plus(Duration.ofHours(24)), within(2, ChronoUnit.MINUTES));
        waitUntil("the table shows the old key marked", () -> window.row(robot, old.key().id())
                .map(r -> r.name().startsWith("[rotating] ")).orElse(false));

        // The old key's service calls again with the old secret; the tracker sees it.
        assertThat(backend.useKey(old.secret().orElseThrow(), "datasets", false)).isEqualTo(200);
        Tab cutover = onFx(() -> robot.lookup(".review-sections").queryAs(javafx.scene.control.TabPane.class)
                .getTabs().stream().filter(t -> t.getText().startsWith("Cutover")).findFirst().orElseThrow());
        assertThat(onFx(cutover::getText)).isEqualTo("Cutover (1 in grace)");
        robot.interact(() -> cutover.getTabPane().getSelectionModel().select(cutover));
        TableView<CutoverViewModel.Row> tracker = robot.lookup(".cutover-tracker .table-view").queryAs(TableView.class);
        waitUntil("the tracker shows the old key still in use", () -> tracker.getItems().stream().anyMatch(r ->
                r.cutover().oldKeyId().equals(old.key().id()) && "Still in use".equals(r.stateText())));
        CutoverViewModel.Row row = onFx(() -> tracker.getItems().stream()
                .filter(r -> r.cutover().oldKeyId().equals(old.key().id())).findFirst().orElseThrow());
        assertThat(row.requestsSinceText()).isEqualTo("1");
        assertThat(row.addressesText()).isEqualTo("127.0.0.1");
        assertThat(row.cutover().newKeyId()).isEqualTo(replacement.id());
        robot.clickOn(robot.from(tracker).lookup(".table-row-cell")
                .match((TableRow<CutoverViewModel.Row> r) -> r.getItem() == row).queryAs(Node.class));

        Button revokeEarly = robot.lookup("#revokeEarlyButton").queryButton();
        waitUntil("revoking early is offered for the selected rotation", () -> !revokeEarly.isDisabled()
                && tracker.getSelectionModel().getSelectedItem() != null
                && tracker.getSelectionModel().getSelectedItem().cutover().oldKeyId().equals(old.key().id()));
        assertThat(onFx(revokeEarly::getText)).as("a busy key asks first").isEqualTo("Revoke old key now…");
        robot.clickOn(revokeEarly);
        DialogPane revoke = window.waitForAlert();
        assertThat(revoke.getHeaderText()).isEqualTo("Revoke “" + name + "” (" + old.key().prefix() + "…) now? It is still in use.");
        robot.clickOn(robot.from(revoke).lookup(".button").match((Button b) -> "Revoke".equals(b.getText())).queryButton());

        waitUntil("the tracker shows it revoked", () -> tracker.getItems().stream().anyMatch(r ->
                r.cutover().oldKeyId().equals(old.key().id()) && "Revoked early".equals(r.stateText())));
        assertThatThrownBy(() -> backend.call(api -> api.getKey(old.key().id()))).isInstanceOf(NotFoundException.class);
        assertThat(backend.useKey(old.secret().orElseThrow(), "datasets", false)).isEqualTo(401);
        assertThat(backend.call(api -> api.getKey(replacement.id())).key().id()).isEqualTo(replacement.id());
    }

    @Test
    void editRotateStartsWithTheKeysReviewAndNarrowingInPlaceKeepsTheKey(FxRobot robot) {
        String name = "Reporting " + System.nanoTime();
        CreatedKey key = dueKey(name, "datasets:read", "queries:read", "jobs:write");
        robot.type(KeyCode.F5);
        waitUntil("the key is in the table", () -> window.row(robot, key.key().id()).isPresent());
        window.clickRow(robot, key.key().id());

        robot.clickOn("Edit").clickOn(menuItem(robot, "Rotate…"));
        Label title = robot.lookup(".review-toolbar .review-title").queryAs(Label.class);
        waitUntil("the review of that key", () -> ("Rotate “" + name + "”").equals(onFx(title::getText)));
        ListView<KeyReviewViewModel> keys = robot.lookup(".review-key-list").queryAs(ListView.class);
        waitUntil("its usage is loaded", () -> keys.getItems().size() == 1
                && keys.getItems().get(0).loadStateProperty().get() == KeyReviewViewModel.LoadState.LOADED);
        assertThat(onFx(() -> robot.lookup("#rotateButton").queryButton().isDefaultButton()))
                .as("Rotate… is what was asked for").isFalse(); // nothing accepted yet, so not enabled

        robot.clickOn(robot.lookup("#acceptButton").queryButton());
        robot.clickOn(robot.lookup("#narrowButton").queryButton());
        DialogPane confirmation = window.waitForAlert();
        assertThat(confirmation.getContentText()).contains("removes jobs:write, queries:read");
        robot.clickOn(robot.from(confirmation).lookup(".button").match((Button b) -> "Narrow".equals(b.getText()))
                .queryButton());

        waitUntil("the server holds the narrowed set", () -> backend.call(api -> api.getKey(key.key().id())).key()
                .permissions().equals(List.of(Permission.parse("datasets:read"))));
        waitUntil("the review says so", () -> "Narrowed: datasets:read".equals(
                onFx(() -> robot.lookup(".review-outcome").queryAs(Label.class).getText())));
        try (Secret s = Secret.ofChars(key.secret().orElseThrow().copyChars())) {
            assertThat(backend.useKey(s, "datasets", false)).as("same key, same secret").isEqualTo(200);
        }
    }

    private static Node menuItem(FxRobot robot, String text) {
        waitUntil("the menu shows “" + text + "”", () -> robot.lookup(".context-menu .menu-item")
                .match((Node n) -> robot.from(n).lookup(".label").tryQuery()
                        .filter(l -> l instanceof Label label && label.getText() != null
                                && text.equals(label.getText().replace("_", ""))).isPresent()).tryQuery().isPresent());
        return robot.lookup(".context-menu .menu-item").match((Node n) -> robot.from(n).lookup(".label").tryQuery()
                .filter(l -> l instanceof Label label && label.getText() != null
                        && text.equals(label.getText().replace("_", ""))).isPresent()).query();
    }
}
