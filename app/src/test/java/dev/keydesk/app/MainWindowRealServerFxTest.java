package dev.keydesk.app;

import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import dev.keydesk.core.connection.Environment;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.keydesk.app.MainWindowFixture.clipboardText;
import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.putOnClipboard;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The main window as the app builds it, against the real local server over real HTTP: creating a
 * key from a preset ends with the key in the table; every keyboard shortcut of the window, each
 * proven by what it does; the table's context menu. Background work runs on the app's real task
 * runner, so the tests wait for conditions (with a hang guard), never for time.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowRealServerFxTest {

    private static final KeyCodeCombination CTRL_N = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCodeCombination CTRL_E = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCodeCombination CTRL_F = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCodeCombination CTRL_R = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCodeCombination CTRL_SHIFT_C =
            new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private static final String PROFILE = "Team server";

    @TempDir
    static Path dir;
    private static TestBackend backend;
    /** Keys made for one test each, with names nothing else uses (demo names may repeat). */
    private static ApiKey editTarget;
    private static ApiKey enterTarget;
    private static ApiKey deleteTarget;
    private static ApiKey copyTarget;
    private static ApiKey contextTarget;

    private MainWindowFixture window;

    @BeforeAll
    static void server() {
        backend = TestBackend.start(dir.resolve("server"), 12);
        editTarget = createBehindTheAppsBack("Ctrl+E target");
        enterTarget = createBehindTheAppsBack("Enter target");
        deleteTarget = createBehindTheAppsBack("Delete target");
        copyTarget = createBehindTheAppsBack("Copy-prefix target");
        contextTarget = createBehindTheAppsBack("Context-menu target");
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
        window.connect(robot, backend, PROFILE, Environment.SANDBOX);
        window.waitForRows(robot, serverKeyIds());
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void ctrlNCreatesFromAPresetAndTheNewKeyAppearsInTheTable(FxRobot robot) {
        String name = "Analytics export " + System.nanoTime();
        window.clickRow(robot, editTarget.id()); // the person is working in the table

        robot.push(CTRL_N);
        Stage form = window.waitForWindow("KeyDesk — Create key — " + PROFILE);
        robot.clickOn(robot.from(form.getScene().getRoot()).lookup("#nameField").queryAs(TextField.class)).write(name);
        robot.clickOn(robot.from(form.getScene().getRoot()).lookup(".menu-button")
                .match((Labeled b) -> "Presets".equals(b.getText())).queryAs(Node.class));
        robot.clickOn("Read-only analytics");
        robot.clickOn(robot.from(form.getScene().getRoot()).lookup("#createButton").queryButton());

        Stage secretDialog = window.waitForWindow("KeyDesk — New key — copy the secret now");
        assertThat(onFx(form::isShowing)).as("the form gave way to the copy-once dialog").isFalse();
        TextField secretField = robot.from(secretDialog.getScene().getRoot()).lookup("#secretField")
                .queryAs(TextField.class);
        assertThat(secretField.getText()).startsWith("sk_").contains("\u2022"); // masked
        robot.clickOn(robot.from(secretDialog.getScene().getRoot()).lookup("#storedBox").queryAs(Node.class));
        robot.clickOn(robot.from(secretDialog.getScene().getRoot()).lookup("#closeButton").queryButton());
        waitUntil("the copy-once dialog closed", () -> !secretDialog.isShowing());
        assertThat(window.otherWindows()).as("ticked: closing asks nothing").isEmpty();

        ApiKey created = backend.call(api -> api.listAllKeys(n -> { })).stream()
                .filter(k -> name.equals(k.name())).findFirst().orElseThrow();
        Preset analytics = backend.call(KeyApi::catalog).presets().stream()
                .filter(p -> p.id().equals("analytics")).findFirst().orElseThrow();
        assertThat(Set.copyOf(created.permissions())).isEqualTo(Set.copyOf(analytics.permissions()));

        // The proof the issue asks for: the key is in the main window's table, as a visible row.
        waitUntil("the new key is in the table", () -> window.row(robot, created.id()).isPresent());
        KeyRow row = window.row(robot, created.id()).orElseThrow();
        assertThat(row.name()).isEqualTo(name);
        assertThat(row.prefix()).isEqualTo(created.prefix());
        TableView<KeyRow> table = window.table(robot);
        robot.interact(() -> table.scrollTo(row));
        TableRow<KeyRow> shown = window.visibleRow(robot, created.id());
        assertThat(robot.from(shown).lookup(".table-cell").match((Labeled c) -> name.equals(c.getText())).tryQuery())
                .as("a cell of the visible row shows the name").isPresent();
        assertThat(robot.from(shown).lookup(".table-cell").match((Labeled c) -> created.prefix().equals(c.getText()))
                .tryQuery()).as("and the prefix").isPresent();
    }

    @Test
    void ctrlEOpensTheEditorOnTheSelectedKey(FxRobot robot) {
        window.clickRow(robot, editTarget.id());
        robot.push(CTRL_E);

        Stage editor = window.waitForWindow("KeyDesk — Edit key " + editTarget.name());
        TextField name = robot.from(editor.getScene().getRoot()).lookup("#nameField").queryAs(TextField.class);
        waitUntil("the editor loaded the key from the server", () -> editTarget.name().equals(name.getText()));
        closeUntouchedEditor(robot, editor, name);
    }

    @Test
    void enterOpensTheEditorOnTheSelectedKey(FxRobot robot) {
        window.clickRow(robot, enterTarget.id());
        robot.type(KeyCode.ENTER);

        Stage editor = window.waitForWindow("KeyDesk — Edit key " + enterTarget.name());
        TextField name = robot.from(editor.getScene().getRoot()).lookup("#nameField").queryAs(TextField.class);
        waitUntil("the editor loaded the key from the server", () -> enterTarget.name().equals(name.getText()));
        closeUntouchedEditor(robot, editor, name);
    }

    @Test
    void deleteAsksToRevokeTheSelectedKeyByName(FxRobot robot) {
        KeyRow row = window.clickRow(robot, deleteTarget.id());
        robot.type(KeyCode.DELETE);

        DialogPane confirmation = window.waitForAlert();
        assertThat(confirmation.getHeaderText()).isEqualTo("Revoke “" + deleteTarget.name() + "”?");
        assertThat(confirmation.getContentText()).contains("Prefix: " + row.prefix())
                .contains("Server: " + PROFILE + " (Sandbox)").contains("cannot be undone");
        Button revoke = robot.from(confirmation).lookup(".button").match((Button b) -> "Revoke".equals(b.getText()))
                .queryButton();
        assertThat(revoke.isDefaultButton()).as("Enter must not revoke").isFalse();

        robot.clickOn(robot.from(confirmation).lookup(".button")
                .match((Button b) -> b == confirmation.lookupButton(ButtonType.CANCEL)).queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.otherWindows()).isEmpty();
        assertThat(backend.call(api -> api.getKey(deleteTarget.id())).key().id()).as("cancelled: still on the server")
                .isEqualTo(deleteTarget.id());
        assertThat(window.shownIds(robot)).contains(deleteTarget.id());
    }

    @Test
    void f5AndCtrlRPickUpKeysCreatedBehindTheAppsBack(FxRobot robot) {
        window.clickRow(robot, editTarget.id());

        ApiKey first = createBehindTheAppsBack("Made elsewhere (F5) " + System.nanoTime());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.shownIds(robot)).as("nothing reloads on its own").doesNotContain(first.id());
        robot.type(KeyCode.F5);
        waitUntil("F5 reloaded the table", () -> window.row(robot, first.id()).isPresent());

        ApiKey second = createBehindTheAppsBack("Made elsewhere (Ctrl+R) " + System.nanoTime());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.shownIds(robot)).doesNotContain(second.id());
        robot.push(CTRL_R);
        waitUntil("Ctrl+R reloaded the table", () -> window.row(robot, second.id()).isPresent());
        assertThat(window.shownIds(robot)).containsExactlyInAnyOrderElementsOf(serverKeyIds());
    }

    /**
     * "Revoke all shown keys…" is no longer a loop of its own: it opens the Incident workspace with
     * exactly the shown keys chosen, and the engine revokes them after the typed count.
     */
    @Test
    void revokeAllShownKeysOpensTheIncidentWorkspaceWithExactlyWhatTheFilterShows(FxRobot robot) {
        String batch = "Leaked batch " + System.nanoTime();
        List<ApiKey> leaked = List.of(createBehindTheAppsBack(batch + " a"), createBehindTheAppsBack(batch + " b"),
                createBehindTheAppsBack(batch + " c"));
        robot.type(KeyCode.F5);
        waitUntil("the batch is loaded", () -> window.row(robot, leaked.get(2).id()).isPresent());
        robot.push(CTRL_F).write(batch);
        waitUntil("the filter shows the batch", () -> window.table(robot).getItems().size() == 3);

        robot.clickOn("Edit").clickOn(MainWindowFixture.menuEntry(robot, "Revoke all 3 shown keys…"));
        var incident = window.incident();
        waitUntil("the Incident workspace shows the batch", () -> window.incidentShown(robot)
                && incident.previewCurrentProperty().get() && incident.previewProperty().get().count() == 3);
        assertThat(onFx(() -> incident.form().chosen().stream().map(c -> c.id()).toList()))
                .containsExactlyInAnyOrderElementsOf(leaked.stream().map(ApiKey::id).toList());
        assertThat(onFx(() -> incident.confirmPromptProperty().get()))
                .isEqualTo("Type 3 to revoke 3 keys on “" + PROFILE + "” (Sandbox)");
        robot.clickOn("#countField").write("3");
        robot.clickOn("#startButton");
        waitUntil("the run finished", () -> incident.phase() == dev.keydesk.app.incident.IncidentViewModel.Phase.FINISHED);
        assertThat(onFx(() -> incident.headlineProperty().get())).isEqualTo("All 3 keys are revoked.");
        for (ApiKey k : leaked) {
            assertThatThrownBy(() -> backend.call(api -> api.getKey(k.id()))).isInstanceOf(NotFoundException.class);
        }
        assertThat(backend.call(api -> api.getKey(editTarget.id())).key().id()).as("keys not shown are untouched")
                .isEqualTo(editTarget.id());
        robot.interact(() -> incident.newIncident());
        robot.push(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN));
        robot.clickOn(window.table(robot));
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void ctrlFFocusesTheFilterAndEscapeClearsIt(FxRobot robot) {
        window.clickRow(robot, editTarget.id());
        TextField filter = robot.from(window.stage.getScene().getRoot()).lookup("#filterField").queryAs(TextField.class);
        assertThat(window.focusOwner()).isNotSameAs(filter);
        int all = window.shownIds(robot).size();

        robot.push(CTRL_F);
        waitUntil("the filter field has the focus", () -> window.stage.getScene().getFocusOwner() == filter);
        robot.write("Copy-prefix target");
        waitUntil("the typed text filters the table", () -> window.table(robot).getItems().size() == 1);
        assertThat(window.shownIds(robot)).containsExactly(copyTarget.id());

        robot.type(KeyCode.ESCAPE);
        waitUntil("Escape brought every key back", () -> window.table(robot).getItems().size() == all);
        assertThat(filter.getText()).isEmpty();
    }

    @Test
    void ctrlShiftCCopiesTheSelectedKeysPrefix(FxRobot robot) {
        putOnClipboard(robot, "something else");
        KeyRow row = window.clickRow(robot, copyTarget.id());

        robot.push(CTRL_SHIFT_C);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clipboardText()).isEqualTo(copyTarget.prefix()).isEqualTo(row.prefix());
    }

    @Test
    void theRowsContextMenuOffersTheActionsAndTheyWork(FxRobot robot) {
        putOnClipboard(robot, "something else");
        TableView<KeyRow> table = window.table(robot);
        KeyRow row = window.row(robot, contextTarget.id()).orElseThrow();
        robot.interact(() -> table.scrollTo(row));
        // A right-click on a row that is not selected selects it and opens the menu there.
        ContextMenu menu = table.getContextMenu();
        MainWindowFixture.rightClick(robot, window.visibleRow(robot, contextTarget.id()), menu);
        assertThat(onFx(() -> table.getSelectionModel().getSelectedItem().id())).isEqualTo(contextTarget.id());
        List<MenuItem> items = menu.getItems().stream().filter(i -> !(i instanceof SeparatorMenuItem)).toList();
        assertThat(items).extracting(MenuItem::getText).containsExactly("Edit…", "Review…", "Rotate…", "Revoke…",
                "Incident from selection…", "Freeze…", "Thaw…", "Copy prefix", "Copy id");
        assertThat(items).filteredOn(MenuItem::isDisable).extracting(MenuItem::getText)
                .as("an active key cannot be thawed").containsExactly("Thaw…");

        robot.clickOn(MainWindowFixture.menuEntry(robot, "Copy id"));
        waitUntil("the menu closed", () -> !menu.isShowing());
        assertThat(clipboardText()).isEqualTo(contextTarget.id());

        MainWindowFixture.rightClick(robot, window.visibleRow(robot, contextTarget.id()), menu);
        robot.clickOn(MainWindowFixture.menuEntry(robot, "Revoke…"));
        DialogPane confirmation = window.waitForAlert();
        assertThat(confirmation.getHeaderText()).isEqualTo("Revoke “" + contextTarget.name() + "”?");
        robot.clickOn(robot.from(confirmation).lookup(".button").match((Button b) -> "Revoke".equals(b.getText()))
                .queryButton());

        waitUntil("the revoked key left the table", () -> window.row(robot, contextTarget.id()).isEmpty());
        assertThatThrownBy(() -> backend.call(api -> api.getKey(contextTarget.id()))).isInstanceOf(NotFoundException.class);
        assertThat(window.shownIds(robot)).containsExactlyInAnyOrderElementsOf(serverKeyIds());
    }

    /**
     * KeyDeskApp lets the main window shrink to 900×560. There the split pane leaves the table about
     * 550 px, less than its columns' minimum widths (KeyTableView.fxml) add up to. The table then
     * scrolls sideways (it used to hide the right-hand columns under the details pane, out of reach):
     * a person scrolls to a column, as the test does, and its header sorts.
     */
    @Test
    void atTheAppsMinimumWindowSizeEveryColumnCanStillBeSorted(FxRobot robot) throws IOException {
        Stage stage = onFx(Stage::new);
        MainWindowFixture small = onFx(() -> MainWindowFixture.show(stage, dir.resolve("small-" + System.nanoTime())));
        try {
            robot.interact(() -> { // what KeyDeskApp sets, and the person shrinking the window to it
                stage.setMinWidth(900);
                stage.setMinHeight(560);
                stage.setWidth(900);
                stage.setHeight(560);
            });
            small.connect(robot, backend, PROFILE, Environment.SANDBOX);
            small.waitForRows(robot, serverKeyIds());
            TableView<KeyRow> table = small.table(robot);

            List<String> unsortable = new ArrayList<>();
            for (TableColumn<KeyRow, ?> column : onFx(() -> List.copyOf(table.getVisibleLeafColumns()))) {
                robot.interact(() -> {
                    table.getSortOrder().clear();
                    table.scrollToColumn(column);
                });
                Node header = robot.from(table).lookup(".column-header .label")
                        .match((Labeled l) -> column.getText().equals(l.getText())).query();
                robot.clickOn(header);
                if (!onFx(() -> table.getSortOrder().equals(List.of(column)))) {
                    unsortable.add(column.getText());
                }
            }
            assertThat(unsortable).as("columns a click on their header does not sort").isEmpty();
        } finally {
            small.closeWithWindow(robot);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Escape on an editor nobody changed closes it without a question. */
    private void closeUntouchedEditor(FxRobot robot, Stage editor, TextField name) {
        robot.clickOn(name);
        robot.type(KeyCode.ESCAPE);
        waitUntil("the editor closed", () -> !editor.isShowing());
        assertThat(window.otherWindows()).isEmpty();
    }

    private static List<String> serverKeyIds() {
        return backend.call(api -> api.listAllKeys(n -> { })).stream().map(ApiKey::id).toList();
    }

    private static ApiKey createBehindTheAppsBack(String name) {
        CreatedKey created = backend.call(api -> api.createKey(new KeyCreateParams(name, null, "test",
                List.of(Permission.parse("datasets:read")), Instant.now().plus(30, ChronoUnit.DAYS))));
        created.secret().ifPresent(s -> s.wipe());
        return created.key();
    }
}
