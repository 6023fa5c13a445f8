package dev.keydesk.app;

import dev.keydesk.app.incident.IncidentViewModel;
import dev.keydesk.app.incident.RuleKind;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.app.testing.ScriptedFiles;
import dev.keydesk.app.common.AppSettings;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.AppPaths;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.testing.TestBackend;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Incident workspace in the real main window against the real local server, as a person
 * works it: rules → preview → typed confirmation (count and, on production, the profile's name)
 * → progress → outcomes → next steps (the create form prefilled from a revoked key, the summary,
 * the audit check finding a use of a revoked key); freeze of a selection from the context menu,
 * frozen rows in the table, and the thaw of exactly those from the freeze's report. The server's
 * keys are checked behind the app's back.
 */
@ExtendWith(ApplicationExtension.class)
class IncidentWorkspaceFxTest {

    private static final String PROFILE = "Prod EU";
    private static final KeyCodeCombination CTRL_3 = new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN);

    @TempDir
    static Path dir;
    private static TestBackend backend;

    private final ScriptedFiles files = new ScriptedFiles();
    private Path appHome;
    private MainWindowFixture window;

    @BeforeAll
    static void server() {
        backend = TestBackend.start(dir.resolve("server"), 12);
    }

    @AfterAll
    static void stopServer() {
        if (backend != null) {
            backend.close();
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        appHome = dir.resolve("home-" + System.nanoTime());
        window = MainWindowFixture.show(stage, appHome, new AppSettings(new MemoryPreferences()), files);
    }

    @BeforeEach
    void connect(FxRobot robot) {
        window.connect(robot, backend, PROFILE, Environment.PRODUCTION);
        window.waitForRows(robot, serverKeyIds());
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void rulesPreviewTypedConfirmationRunOutcomesAndNextSteps(FxRobot robot) {
        String batch = "INC batch " + System.nanoTime();
        List<CreatedKey> leaked = List.of(create(batch + " a", "datasets:write"), create(batch + " b", "datasets:write"),
                create(batch + " c", "datasets:write"));
        CreatedKey readOnly = create(batch + " reader", "datasets:read");
        robot.type(KeyCode.F5);
        waitUntil("the batch is loaded", () -> window.row(robot, readOnly.key().id()).isPresent());
        IncidentViewModel incident = window.incident();

        robot.push(CTRL_3);
        waitUntil("the Incident workspace is in front", () -> window.incidentShown(robot));
        robot.clickOn("#addRuleButton");
        TextField firstValue = ruleValue(robot, 0);
        robot.clickOn(firstValue).write(batch + "*");
        robot.clickOn("#addRuleButton");
        chooseKind(robot, 1, RuleKind.PERMISSION);
        robot.clickOn(ruleValue(robot, 1)).write("datasets:write");
        typeInto(robot, "#reasonField", "secret leaked in a CI log");
        typeInto(robot, "#referenceField", "INC-2041");

        waitUntil("the preview counts the three leaked keys", () -> incident.previewCurrentProperty().get()
                && incident.previewProperty().get().count() == 3);
        assertThat(label(robot, "#countLabel")).isEqualTo("3");
        assertThat(label(robot, "#usageLabel")).contains("0 used in the last 24 hours").contains("3 idle");
        assertThat(label(robot, "#typesLabel")).isEqualTo("3 test");
        assertThat(label(robot, "#confirmPrompt"))
                .isEqualTo("Type 3 and the profile's name, “Prod EU”, to revoke 3 keys on this production server");
        assertThat(onFx(() -> robot.lookup("#startButton").queryButton().isDisabled())).isTrue();

        robot.clickOn("#countField").write("3");
        assertThat(onFx(() -> robot.lookup("#startButton").queryButton().isDisabled()))
                .as("production: the profile's name too").isTrue();
        assertThat(label(robot, "#startHint")).contains("“Prod EU”");
        robot.clickOn("#nameField").write("Prod EU");
        waitUntil("the run may start", () -> !robot.lookup("#startButton").queryButton().isDisabled());
        robot.clickOn("#startButton");

        waitUntil("the run finished", () -> incident.phase() == IncidentViewModel.Phase.FINISHED);
        assertThat(label(robot, "#headlineLabel")).isEqualTo("All 3 keys are revoked.");
        TableView<?> outcomes = onFx(() -> robot.lookup("#outcomeTable").queryAs(TableView.class));
        assertThat(onFx(() -> outcomes.getItems().size())).isEqualTo(3);
        for (CreatedKey k : leaked) {
            assertThatThrownBy(() -> backend.call(api -> api.getKey(k.key().id()))).isInstanceOf(NotFoundException.class);
        }
        assertThat(backend.call(api -> api.getKey(readOnly.key().id())).key().status()).isEqualTo("active");
        Path folder = incident.reportFolder().orElseThrow();
        assertThat(folder).startsWith(AppPaths.of(appHome).incidentsDir());
        assertThat(onFx(() -> robot.lookup("#reportFolderField").queryAs(TextField.class).getText()))
                .isEqualTo(folder.toString());
        robot.clickOn("#openFolderButton");
        assertThat(files.shown).containsExactly(folder);

        // Next step 1: the create form, prefilled from the first revoked key.
        robot.clickOn(MainWindowFixture.scrolledTo(robot, "#createReplacement"));
        Stage form = window.waitForWindow("KeyDesk — Replace key — " + PROFILE);
        TextField name = robot.from(form.getScene().getRoot()).lookup("#nameField").queryAs(TextField.class);
        String firstName = incident.nextStepsProperty().get().replacements().keys().get(0).name();
        assertThat(onFx(() -> name.getText())).isEqualTo(firstName);
        assertThat(onFx(() -> robot.from(form.getScene().getRoot()).lookup(".title-3").queryAs(Label.class).getText()))
                .isEqualTo("Replace “" + firstName + "” (1 of 3)");
        robot.clickOn(name);
        robot.type(KeyCode.ESCAPE);
        waitUntil("the form closed", () -> !form.isShowing());

        // Next step 2: the summary for the security team.
        String summary = onFx(() -> robot.lookup("#incidentSummary").queryAs(TextArea.class).getText());
        assertThat(summary).contains("Incident INC-2041").contains("secret leaked in a CI log").contains("Prod EU")
                .contains("All 3 keys are revoked.").contains(folder.resolve("report.json").toString())
                .contains(leaked.get(0).key().id());
        for (CreatedKey k : leaked) {
            assertThat(summary).doesNotContain(k.secret().orElseThrow().reveal());
        }

        // Next step 3: someone still uses a revoked key; the check finds it.
        try (KeyApi stale = backend.client(leaked.get(1).secret().orElseThrow())) {
            assertThatThrownBy(stale::whoami).isInstanceOf(UnauthorizedException.class);
        }
        robot.clickOn(MainWindowFixture.scrolledTo(robot, "#checkUse"));
        waitUntil("the audit check answered", () -> !incident.nextStepsProperty().get().useCheck().checkingProperty().get());
        assertThat(label(robot, "#useCheckResult")).startsWith("1 attempt to use 1 stopped key since the run");
        leaked.forEach(k -> k.secret().ifPresent(Secret::wipe));
    }

    @Test
    void freezeFromTheContextMenuShowsFrozenRowsAndTheThawFromTheReportRestoresExactlyThose(FxRobot robot) {
        String batch = "Freeze batch " + System.nanoTime();
        List<CreatedKey> keys = List.of(create(batch + " a", "jobs:read"), create(batch + " b", "jobs:read"),
                create(batch + " c", "jobs:read"));
        robot.type(KeyCode.F5);
        waitUntil("the batch is loaded", () -> window.row(robot, keys.get(2).key().id()).isPresent());
        TableView<KeyRow> table = window.table(robot);
        window.clickRow(robot, keys.get(0).key().id());
        KeyRow second = window.row(robot, keys.get(1).key().id()).orElseThrow();
        robot.interact(() -> table.scrollTo(second));
        robot.press(KeyCode.CONTROL).clickOn(window.visibleRow(robot, second.id())).release(KeyCode.CONTROL);
        waitUntil("two keys are selected", () -> table.getSelectionModel().getSelectedItems().size() == 2);

        MainWindowFixture.rightClick(robot, window.visibleRow(robot, keys.get(1).key().id()), table.getContextMenu());
        robot.clickOn(MainWindowFixture.menuEntry(robot, "Freeze 2 keys…"));
        DialogPane confirm = window.waitForAlert();
        assertThat(confirm.getHeaderText()).isEqualTo("Freeze 2 keys?");
        assertThat(confirm.getContentText()).contains("thawed");
        robot.clickOn(robot.from(confirm).lookup(".button").match((Button b) -> "Freeze".equals(b.getText())).queryButton());
        DialogPane report = window.waitForAlert();
        assertThat(report.getHeaderText()).isEqualTo("All 2 keys are frozen.");
        robot.clickOn(robot.from(report).lookup(".button").match((Button b) -> b.isDefaultButton()).queryButton());

        for (int i = 0; i < 2; i++) {
            String id = keys.get(i).key().id();
            waitUntil("the table shows " + id + " frozen", () -> window.row(robot, id).map(KeyRow::frozen).orElse(false));
            assertThat(backend.call(api -> api.getKey(id)).key().status()).isEqualTo("disabled");
            robot.interact(() -> table.scrollTo(window.row(robot, id).orElseThrow()));
            TableRow<KeyRow> row = window.visibleRow(robot, id);
            assertThat(onFx(() -> row.getStyleClass())).contains("key-frozen");
            Node status = robot.from(row).lookup(".table-cell.status-disabled").query();
            assertThat(onFx(() -> ((javafx.scene.control.Labeled) status).getText())).isEqualTo("frozen");
            assertThat(onFx(() -> ((javafx.scene.control.Labeled) status).getGraphic())).isNotNull();
        }
        assertThat(window.row(robot, keys.get(2).key().id()).orElseThrow().frozen()).isFalse();

        // A freeze of the third key alone, so that the thaw must tell the reports apart.
        Path freezeReport = newestReport();
        window.clickRow(robot, keys.get(2).key().id());
        MainWindowFixture.rightClick(robot, window.visibleRow(robot, keys.get(2).key().id()), table.getContextMenu());
        robot.clickOn(MainWindowFixture.menuEntry(robot, "Freeze…"));
        DialogPane one = window.waitForAlert();
        robot.clickOn(robot.from(one).lookup(".button").match((Button b) -> "Freeze".equals(b.getText())).queryButton());
        DialogPane oneReport = window.waitForAlert();
        robot.clickOn(robot.from(oneReport).lookup(".button").match((Button b) -> b.isDefaultButton()).queryButton());
        waitUntil("the third key is frozen", () -> window.row(robot, keys.get(2).key().id()).map(KeyRow::frozen)
                .orElse(false));

        files.answers.add(freezeReport.resolve("report.json"));
        robot.clickOn(menuBarMenu(robot, "Incident")).clickOn(MainWindowFixture.menuEntry(robot, "Thaw from a freeze report…"));
        IncidentViewModel incident = window.incident();
        waitUntil("the thaw of that report is previewed", () -> window.incidentShown(robot)
                && incident.previewCurrentProperty().get() && incident.previewProperty().get().count() == 2);
        assertThat(onFx(() -> incident.previewProperty().get().targets().stream().map(ApiKey::id).toList()))
                .containsExactlyInAnyOrder(keys.get(0).key().id(), keys.get(1).key().id());
        robot.clickOn("#countField").write("2");
        robot.clickOn("#nameField").write(PROFILE);
        robot.clickOn("#startButton");
        waitUntil("the thaw finished", () -> incident.phase() == IncidentViewModel.Phase.FINISHED);
        assertThat(onFx(() -> incident.resultProperty().get().count(Outcome.THAWED))).isEqualTo(2);
        assertThat(backend.call(api -> api.getKey(keys.get(0).key().id())).key().status()).isEqualTo("active");
        assertThat(backend.call(api -> api.getKey(keys.get(1).key().id())).key().status()).isEqualTo("active");
        assertThat(backend.call(api -> api.getKey(keys.get(2).key().id())).key().status())
                .as("not in that report: still frozen").isEqualTo("disabled");
        waitUntil("the table shows them thawed", () -> !window.row(robot, keys.get(0).key().id()).orElseThrow().frozen());
        keys.forEach(k -> k.secret().ifPresent(Secret::wipe));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Path newestReport() {
        try (Stream<Path> runs = Files.list(AppPaths.of(appHome).incidentsDir())) {
            return runs.max(java.util.Comparator.comparing(Path::getFileName)).orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Types into a field of the plan, which may be below the fold of its scroll pane. */
    private static void typeInto(FxRobot robot, String query, String text) {
        Node field = onFx(() -> robot.lookup(query).query());
        robot.interact(field::requestFocus);
        robot.write(text);
    }

    /** A menu of the menu bar, by its title (the Incident tab has the same word). */
    static Node menuBarMenu(FxRobot robot, String title) {
        return robot.lookup(".menu-bar .menu-button").match((Node n) -> robot.from(n).lookup(".label").tryQuery()
                .filter(l -> title.equals(((javafx.scene.control.Labeled) l).getText().replace("_", ""))).isPresent())
                .query();
    }

    private static TextField ruleValue(FxRobot robot, int index) {
        List<Node> rows;
        waitUntil("rule line " + index + " exists", () -> robot.lookup(".rule-row").queryAll().size() > index);
        rows = new ArrayList<Node>(robot.lookup(".rule-row").queryAll());
        @SuppressWarnings("unchecked")
        ComboBox<String> value = robot.from(rows.get(index)).lookup(".rule-value").queryAs(ComboBox.class);
        return value.getEditor();
    }

    private static void chooseKind(FxRobot robot, int index, RuleKind kind) {
        waitUntil("rule line " + index + " exists", () -> robot.lookup(".rule-row").queryAll().size() > index);
        Node row = new ArrayList<Node>(robot.lookup(".rule-row").queryAll()).get(index);
        Node combo = robot.from(row).lookup(".rule-kind").query();
        robot.clickOn(combo);
        Node cell = robot.lookup(".combo-box-popup .list-cell").match((ListCell<?> c) -> c.getItem() == kind).query();
        robot.clickOn(cell);
    }

    private static String label(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private static CreatedKey create(String name, String permission) {
        return backend.call(api -> api.createKey(new KeyCreateParams(name, "made by the test", "test",
                List.of(Permission.parse(permission)), Instant.now().plus(30, ChronoUnit.DAYS))));
    }

    private static List<String> serverKeyIds() {
        return backend.call(api -> api.listAllKeys(n -> { })).stream().map(ApiKey::id).toList();
    }
}
