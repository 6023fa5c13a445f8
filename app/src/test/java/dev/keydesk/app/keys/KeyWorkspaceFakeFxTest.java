package dev.keydesk.app.keys;

import dev.keydesk.app.testing.FakeKeys;

import dev.keydesk.app.ControllerFactory;
import dev.keydesk.app.common.FxDialogService;
import dev.keydesk.app.common.FxTaskRunner;
import dev.keydesk.app.common.Theme;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.FxWait;
import dev.keydesk.client.model.ApiKey;
import javafx.fxml.FXMLLoader;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workspace's wiring (FXML, bindings, keyboard, gating tooltips) against an in-memory key
 * service: runs without the real server. {@link KeyTableViewFxTest} proves the same paths on it.
 */
@ExtendWith(ApplicationExtension.class)
class KeyWorkspaceFakeFxTest {

    private final FxTaskRunner tasks = new FxTaskRunner(2);
    private final FakeKeys api = new FakeKeys();
    private FixedSession session;
    private KeyTableViewModel vm;
    private TableView<KeyRow> table;

    @Start
    void start(Stage stage) throws IOException {
        Instant now = Instant.now();
        for (int i = 0; i < 40; i++) {
            api.add(FakeKeys.key("key_" + i, "Service " + i, i % 5 == 0 ? null : now.plus(Duration.ofDays(i * 3L)),
                    i % 2 == 0 ? now.minus(Duration.ofMinutes(i)) : null, i % 3 == 0 ? "datasets:write" : "jobs:read"));
        }
        session = new FixedSession(FakeKeys.connection(api, "access_tokens:read", "access_tokens:write"));
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
        Theme.LIGHT.apply();
        Scene scene = new Scene(loader.load(), 1200, 700);
        scene.getStylesheets().add(Theme.appStylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stopWorkers() {
        tasks.close();
    }

    @Test
    void filterAndEscape(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        assertThat(table.getItems()).hasSize(40);
        robot.clickOn(".key-toolbar .text-field").write("17");
        waitUntil(() -> table.getItems().size() == 1);
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> table.getItems().size() == 40);
    }

    @Test
    void deleteAsksAndRevokes(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        KeyRow victim = table.getItems().get(3);
        robot.interact(() -> {
            table.getSelectionModel().select(victim);
            table.requestFocus();
        });
        robot.type(KeyCode.DELETE);
        Button confirm = robot.lookup(".dialog-pane .button").match((Button b) -> "Revoke".equals(b.getText()))
                .queryButton();
        assertThat(confirm.isDefaultButton()).isFalse();
        robot.clickOn(confirm);
        waitUntil(() -> table.getItems().size() == 39);
        assertThat(api.revoked).containsExactly(victim.id());
    }

    @Test
    void aReadOnlyKeyDisablesNewWithAReason(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        robot.interact(() -> session.set(FakeKeys.connection(api, "access_tokens:read")));
        waitUntil(() -> vm.stateProperty().get() == KeyTableViewModel.LoadState.READY);
        Button newButton = robot.lookup(".key-toolbar .button").match((Button b) -> "New".equals(b.getText())).queryButton();
        assertThat(newButton.isDisabled()).isTrue();
        assertThat(vm.createActionProperty().get().reason()).contains("access_tokens:write");
        // The reason sits on the wrapper, since a disabled button shows no tooltip.
        assertThat(newButton.getParent().getProperties().values()).anyMatch(v -> v instanceof javafx.scene.control.Tooltip
                && ((javafx.scene.control.Tooltip) v).getText().contains("access_tokens:write"));

        // Menu items have no tooltips: the context menu names the permission in the item itself.
        robot.interact(() -> table.getSelectionModel().select(0));
        // Shown directly: under headless Monocle a right click does not raise the ContextMenuEvent.
        robot.interact(() -> table.getContextMenu().show(table, javafx.geometry.Side.BOTTOM, 0, 0));
        assertThat(robot.lookup(".context-menu .menu-item .label")
                .match((Labeled l) -> "Revoke…  (needs access_tokens:write)".equals(l.getText())).tryQuery())
                .isPresent();
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void selectingShowsDetails(FxRobot robot) throws Exception {
        table = waitForTable(robot);
        robot.interact(() -> table.getSelectionModel().select(0));
        waitUntil(() -> robot.lookup(".details-title").tryQuery().map(n -> ((Labeled) n).getText())
                .filter(t -> t.equals(table.getItems().get(0).name())).isPresent());
        // Every field is there, e.g. the prefix, and the matrix shows the granted cell.
        String prefix = table.getItems().get(0).prefix();
        waitUntil(() -> robot.lookup(".details-fields .label").match((Labeled l) -> prefix.equals(l.getText()))
                .tryQuery().isPresent());
        System.gc(); // the fields must not hang on a weakly held listener
        robot.interact(() -> table.getSelectionModel().clearAndSelect(1));
        String second = table.getItems().get(1).prefix();
        waitUntil(() -> robot.lookup(".details-fields .label").match((Labeled l) -> second.equals(l.getText()))
                .tryQuery().isPresent());
    }

    private TableView<KeyRow> waitForTable(FxRobot robot) throws TimeoutException {
        waitUntil(() -> vm.stateProperty().get() == KeyTableViewModel.LoadState.READY && !vm.rows().isEmpty());
        return robot.lookup(".table-view").match(n -> "table".equals(n.getId())).query();
    }

    private static void waitUntil(BooleanSupplier condition) {
        FxWait.until("the table shows what the test expects", condition::getAsBoolean);
    }
}
