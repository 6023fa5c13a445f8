package dev.keydesk.app.keys;

import dev.keydesk.app.ControllerFactory;
import dev.keydesk.app.common.FxDialogService;
import dev.keydesk.app.common.FxTaskRunner;
import dev.keydesk.app.common.Theme;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.FxWait;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key table against the real local server with demo keys: what a person sees and does.
 * Waits are for conditions (the load runs on a worker thread), never assertions on time.
 */
@ExtendWith(ApplicationExtension.class)
class KeyTableViewFxTest {

    @TempDir
    static Path dataDir;
    private static TestBackend backend;

    private final FxTaskRunner tasks = new FxTaskRunner(2);
    private KeyTableViewModel vm;
    private TableView<KeyRow> table;

    @BeforeAll
    static void server() {
        backend = TestBackend.start(dataDir, 12);
        // Twelve demo keys are now the demo's cluster (a dozen expiring on one day, three weeks
        // out): the expiry filter's test needs a key of its own that expires sooner.
        backend.call(api -> api.createKey(new dev.keydesk.client.model.KeyCreateParams("Expires in ten days", null,
                "test", List.of(dev.keydesk.client.model.Permission.parse("datasets:read")),
                Instant.now().plus(java.time.Duration.ofDays(10))))).secret().ifPresent(s -> s.wipe());
    }

    @AfterAll
    static void stopServer() {
        if (backend != null) {
            backend.close();
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        FixedSession session = new FixedSession(backend.connection());
        Clock clock = Clock.systemUTC();
        FxDialogService dialogs = new FxDialogService(() -> stage);
        vm = new KeyTableViewModel(session, tasks, clock);
        KeyDetailsViewModel details = new KeyDetailsViewModel(session, tasks, clock, ZoneId.of("UTC"));
        RevokeViewModel revoke = new RevokeViewModel(session, tasks, dialogs, clock);
        KeyDialogs noEditor = new KeyDialogs() {
            @Override
            public void openCreate(Window owner, Runnable onCreated) {
            }

            @Override
            public void openEdit(Window owner, ApiKey key, Runnable onSaved) {
            }

            @Override
            public void openReplacement(Window owner, ApiKey revoked, String position, Runnable onCreated,
                                        Runnable afterSecretStored) {
            }
        };
        FXMLLoader loader = new FXMLLoader(KeyTableView.class.getResource("KeyTableView.fxml"));
        loader.setControllerFactory(new ControllerFactory()
                .register(KeyTableView.class, () -> new KeyTableView(vm, details, revoke, noEditor, KeyIncidents.NONE,
                        (keys, toRotate) -> { }))
                .register(KeyDetailsView.class, () -> new KeyDetailsView(details)));
        Parent root = loader.load();
        Theme.LIGHT.apply();
        Scene scene = new Scene(root, 1200, 700);
        scene.getStylesheets().add(Theme.appStylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stopWorkers() {
        tasks.close();
    }

    @Test
    void showsTheServersKeys(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        List<ApiKey> onServer = backend.call(api -> api.listAllKeys(n -> { }));
        assertThat(shown()).extracting(KeyRow::id)
                .containsExactlyInAnyOrderElementsOf(onServer.stream().map(ApiKey::id).toList());
        ApiKey some = onServer.get(0);
        assertThat(robot.lookup(".table-cell").match((Labeled l) -> some.name().equals(l.getText())).tryQuery())
                .isPresent();
    }

    @Test
    void filterNarrowsTheTableAndEscapeClearsIt(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        int all = table.getItems().size();
        KeyRow target = table.getItems().get(all / 2);
        robot.clickOn(".key-toolbar .text-field").write(target.id());
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).id()).isEqualTo(target.id());
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> table.getItems().size() == all);
        assertThat(vm.filterTextProperty().get()).isEmpty();
    }

    @Test
    void sortsByExpiryOnTheRealDatesWithNeverLast(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        Node header = robot.lookup(".column-header .label").match((Labeled l) -> "Expires".equals(l.getText())).query();
        robot.clickOn(header);
        WaitForAsyncUtils.waitForFxEvents();
        List<Instant> shown = table.getItems().stream().map(KeyRow::expiresAt).toList();
        List<Instant> expected = shown.stream()
                .sorted(Comparator.nullsLast(Comparator.<Instant>naturalOrder())).toList();
        assertThat(shown).isEqualTo(expected);
        assertThat(shown.stream().distinct().count()).isGreaterThan(2); // demo data has varied expiries
    }

    @Test
    void deleteRevokesAfterConfirmationAndTheKeyIsGone(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        int before = table.getItems().size();
        // Never the admin key this test itself is using.
        String adminId = backend.connection().whoami().map(w -> w.key().id()).orElse("");
        KeyRow victim = table.getItems().stream().filter(r -> !r.id().equals(adminId)).findFirst().orElseThrow();
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(victim);
        });
        robot.clickOn(".key-toolbar .text-field"); // then back into the table with the keyboard
        robot.interact(() -> table.requestFocus());
        robot.type(KeyCode.DELETE);

        Button confirm = robot.lookup(".dialog-pane .button").match((Button b) -> "Revoke".equals(b.getText()))
                .queryButton();
        Node header = robot.lookup(".dialog-pane .header-panel .label").query();
        assertThat(((Labeled) header).getText()).contains(victim.name());
        assertThat(confirm.isDefaultButton()).as("Enter must not revoke").isFalse();
        robot.clickOn(confirm);

        waitUntil(() -> table.getItems().size() == before - 1);
        assertThat(shown()).extracting(KeyRow::id).doesNotContain(victim.id());
        assertThatThrownBy(() -> backend.call(api -> api.getKey(victim.id()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theDetailsPaneShowsTheKeysAuditEventsWithWhatChanged(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        String adminId = backend.connection().whoami().map(w -> w.key().id()).orElse("");
        KeyRow target = table.getItems().stream().filter(r -> !r.id().equals(adminId)).findFirst().orElseThrow();
        backend.call(api -> api.updateKey(target.id(), dev.keydesk.client.model.KeyUpdateParams.builder()
                .name(target.name() + " (renamed)").description("edited by the audit test").build(), null));

        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(target);
        });
        javafx.scene.control.ListView<dev.keydesk.client.model.AuditEvent> audit = robot.lookup("#auditList").query();
        waitUntil(() -> audit.isVisible() && audit.getItems().stream().anyMatch(e -> "key.updated".equals(e.type())));
        // The entry says which fields changed (cells are laid out on the pulse after the items arrive).
        waitUntil(() -> robot.from(audit).lookup(".label")
                .match((Labeled l) -> l.getText() != null && l.getText().endsWith("fields: name,description"))
                .tryQuery().isPresent());
        assertThat(robot.from(audit).lookup(".audit-headline")
                .match((Labeled l) -> l.getText().startsWith("key.updated · ")).tryQuery()).isPresent();
    }

    @Test
    void aTypedNumberOfDaysFiltersByExpiry(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        javafx.scene.control.ComboBox<?> expiry = robot.lookup(".combo-box")
                .match(n -> "Filter by expiry".equals(n.getAccessibleText())).query();
        robot.clickOn(expiry.getEditor());
        robot.interact(() -> expiry.getEditor().selectAll());
        robot.write("14").type(KeyCode.ENTER);

        waitUntil(() -> Integer.valueOf(14).equals(vm.expiringWithinDaysProperty().get()));
        Instant limit = Instant.now().plus(java.time.Duration.ofDays(14));
        assertThat(shown()).isNotEmpty()
                .allMatch(r -> r.expiresAt() != null && r.expiresAt().isBefore(limit));

        robot.interact(() -> expiry.getEditor().selectAll());
        robot.write("soon").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.expiringWithinDaysProperty().get()).as("nonsense keeps the filter").isEqualTo(14);
    }

    private TableView<KeyRow> waitForTable(FxRobot robot) throws TimeoutException {
        waitUntil(() -> vm.stateProperty().get() == KeyTableViewModel.LoadState.READY && !vm.rows().isEmpty());
        return robot.lookup(".table-view").match(n -> n.getStyleClass().contains("table-view")
                && "table".equals(n.getId())).query();
    }

    /** What the table shows now, read on the FX thread. */
    private List<KeyRow> shown() {
        return FxWait.onFx(() -> List.copyOf(table.getItems()));
    }

    private static void waitUntil(BooleanSupplier condition) {
        FxWait.until("the table shows what the test expects", condition::getAsBoolean);
    }
}
