package dev.keydesk.app;

import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.connection.ConnectionManager;
import dev.keydesk.app.connection.ConnectionState;
import dev.keydesk.app.connection.EnvironmentBadge;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.testing.FxWait;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.core.common.AppPaths;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The real main window, built the way {@link KeyDeskApp#start} builds it: the composition root
 * ({@link AppContext}, with its real task runner, dialog service, connection manager, key dialogs
 * and status bar), {@code MainView.fxml} through the context's controller factory, the theme, the
 * app stylesheet and the title bound to the connection. Only the settings (in memory) and the
 * app-data folder (a test folder) differ, so nothing touches the person's own files, and the
 * window keeps its preferred size (see {@link #show}).
 *
 * <p>Tests connect it through the app's own {@link ConnectionManager}, as the Connections dialog
 * does: a saved profile whose admin key was entered for this session.
 */
final class MainWindowFixture {

    /** A hang guard for waits on background work over real HTTP; never a performance assertion. */
    static final long TIMEOUT_SECONDS = FxWait.TIMEOUT_SECONDS;

    final Stage stage;
    final AppContext context;

    private MainWindowFixture(Stage stage, AppContext context) {
        this.stage = stage;
        this.context = context;
    }

    /** Call from {@code @Start}, on the FX thread. Does not connect: each test chooses its server. */
    static MainWindowFixture show(Stage stage, Path appHome) throws IOException {
        return show(stage, appHome, new AppSettings(new MemoryPreferences()));
    }

    /** The same, with the test's settings (to read what the window changed in them). */
    static MainWindowFixture show(Stage stage, Path appHome, AppSettings settings) throws IOException {
        settings.theme().apply();
        AppContext context = new AppContext(settings, AppPaths.of(appHome), () -> stage);
        KeyDeskApp.installMainWindow(stage, context);
        // Not the app's minimum window size: TestFX hands every test class the same primary stage,
        // and a minimum left on it keeps later classes' windows at 900×560 instead of their scene's size.
        stage.show();
        return new MainWindowFixture(stage, context);
    }

    ConnectionManager connections() {
        return context.connections();
    }

    /**
     * Saves a profile for {@code backend}'s server, enters its admin key for this session (what
     * Connections… does where no keyring exists) and connects; returns once connected.
     */
    Profile connect(FxRobot robot, TestBackend backend, String name, Environment environment) {
        Profile profile = new Profile(ProfileStore.newId(), name, backend.server().baseUri().toString(), environment,
                Profile.KeySource.SESSION_ONLY, null);
        robot.interact(() -> {
            connections().profiles().save(profile);
            connections().adminKeys().store(profile, backend.adminSecret());
            connections().connect(profile);
        });
        waitUntil("connected to " + name, () -> connections().stateProperty().get()
                instanceof ConnectionState.Connected c && c.connection().profile().id().equals(profile.id()));
        return profile;
    }

    /**
     * Closes the dialogs and alerts this window owns that the test left open, then shuts the
     * context down as the app's stop() does. The window itself stays (it is TestFX's primary stage).
     */
    void close(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w == stage || !w.isShowing() || !(w instanceof Stage s) || s.getOwner() != stage) {
                    continue;
                }
                if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane) {
                    // An alert waits in showAndWait: answer it, so the code that asked goes on.
                    Button answer = pane.lookupButton(ButtonType.CANCEL) instanceof Button cancel ? cancel
                            : (Button) pane.lookupButton(ButtonType.OK);
                    if (answer != null) {
                        answer.fire();
                        continue;
                    }
                }
                w.hide();
            }
        });
        robot.interact(() -> {
            stage.titleProperty().unbind();
            context.close();
        });
    }

    /** {@link #close}, and the window too: for a second main window a test opened itself. */
    void closeWithWindow(FxRobot robot) {
        close(robot);
        robot.interact(stage::close);
    }

    // ---- what the main window shows -----------------------------------------------------------

    @SuppressWarnings("unchecked")
    TableView<KeyRow> table(FxRobot robot) {
        // By id: how many columns it has depends on the server's dialect (Narrative's tokens fill four).
        // On the FX thread: a connection changes which columns (and header nodes) exist meanwhile.
        return onFx(() -> robot.from(stage.getScene().getRoot()).lookup(".table-view")
                .match(n -> n instanceof TableView<?> && "table".equals(n.getId())).query());
    }

    /** The ids of the rows the table shows (its items: sorted, filtered), read on the FX thread. */
    List<String> shownIds(FxRobot robot) {
        TableView<KeyRow> table = table(robot);
        return onFx(() -> table.getItems().stream().map(KeyRow::id).toList());
    }

    /** Waits until the table shows exactly these keys (in any order). */
    void waitForRows(FxRobot robot, List<String> ids) {
        TableView<KeyRow> table = table(robot);
        waitUntil("the table shows the server's " + ids.size() + " keys", () -> {
            List<String> shown = table.getItems().stream().map(KeyRow::id).toList();
            return shown.size() == ids.size() && shown.containsAll(ids);
        });
    }

    /** The row of {@code keyId} as the table shows it, or empty. */
    Optional<KeyRow> row(FxRobot robot, String keyId) {
        TableView<KeyRow> table = table(robot);
        return onFx(() -> table.getItems().stream().filter(r -> r.id().equals(keyId)).findFirst());
    }

    /** Scrolls the key's row into view and clicks it, as a person selects a key. */
    KeyRow clickRow(FxRobot robot, String keyId) {
        TableView<KeyRow> table = table(robot);
        KeyRow row = row(robot, keyId).orElseThrow(() -> new AssertionError("no row for " + keyId));
        robot.interact(() -> table.scrollTo(row));
        robot.clickOn(visibleRow(robot, keyId));
        waitUntil("the clicked row is selected", () -> table.getSelectionModel().getSelectedItems().size() == 1
                && table.getSelectionModel().getSelectedItem().id().equals(keyId));
        return row;
    }

    /** The table row (a node on screen) that displays {@code keyId}. */
    @SuppressWarnings("unchecked")
    TableRow<KeyRow> visibleRow(FxRobot robot, String keyId) {
        return robot.from(table(robot)).lookup(".table-row-cell")
                .match(n -> n instanceof TableRow<?> r && r.isVisible() && r.getItem() instanceof KeyRow k
                        && k.id().equals(keyId))
                .query();
    }

    /** The environment badge in the tool bar (top right) or the status bar. */
    EnvironmentBadge badge(FxRobot robot, String where) {
        return robot.from(stage.getScene().getRoot()).lookup(where + " ." + EnvironmentBadge.STYLE_CLASS)
                .queryAs(EnvironmentBadge.class);
    }

    Label statusLabel(FxRobot robot, String id) {
        return robot.from(stage.getScene().getRoot()).lookup(".status-bar " + id).queryAs(Label.class);
    }

    Button problemAction(FxRobot robot) {
        return robot.from(stage.getScene().getRoot()).lookup(".status-bar #problemAction").queryButton();
    }

    boolean problemShown(FxRobot robot) {
        Node box = robot.from(stage.getScene().getRoot()).lookup(".status-bar #problemBox").query();
        return onFx(box::isVisible);
    }

    Node focusOwner() {
        return onFx(() -> stage.getScene().getFocusOwner());
    }

    // ---- other windows ------------------------------------------------------------------------

    /** Waits for a window (other than the main one) whose title is {@code title}. */
    Stage waitForWindow(String title) {
        Stage[] found = new Stage[1];
        waitUntil("a window titled “" + title + "”", () -> {
            for (Window w : Window.getWindows()) {
                if (w != stage && w.isShowing() && w instanceof Stage s && title.equals(s.getTitle())) {
                    found[0] = s;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for an alert (a JavaFX dialog) and returns its pane. */
    DialogPane waitForAlert() {
        DialogPane[] found = new DialogPane[1];
        waitUntil("an alert", () -> {
            for (Window w : Window.getWindows()) {
                if (w != stage && w.isShowing() && w.getScene() != null
                        && w.getScene().getRoot() instanceof DialogPane pane) {
                    found[0] = pane;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** The windows showing besides the main one (dialogs, alerts), e.g. to prove none opened. */
    List<Window> otherWindows() {
        return onFx(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()
                && !(w instanceof javafx.stage.PopupWindow)).toList());
    }

    // ---- clipboard ----------------------------------------------------------------------------

    static void putOnClipboard(FxRobot robot, String text) {
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    static String clipboardText() {
        return onFx(() -> Clipboard.getSystemClipboard().getString());
    }

    // ---- waiting ------------------------------------------------------------------------------

    /** See {@link FxWait#until}. */
    static void waitUntil(String what, Callable<Boolean> condition) {
        FxWait.until(what, condition);
    }

    /** See {@link FxWait#onFx}. */
    static <T> T onFx(Callable<T> read) {
        return FxWait.onFx(read);
    }
}
