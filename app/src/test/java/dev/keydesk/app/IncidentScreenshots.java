package dev.keydesk.app;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.incident.IdentifyDialog;
import dev.keydesk.app.incident.IncidentViewModel;
import dev.keydesk.app.incident.RuleKind;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.app.testing.ScriptedFiles;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.server.Plan;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;

/**
 * Not a test: the Incident workspace photographed as a person sees it, for docs/screenshots and
 * for looking at it. Runs only when asked, on a real X server:
 * {@code xvfb-run -a mvn -pl app -am test -Dgui -Dtest=IncidentScreenshots -Dkeydesk.screenshots=$PWD/docs/screenshots
 * -Dsurefire.failIfNoSpecifiedTests=false}. The server is on the free plan (100 requests a
 * minute) with 400 demo keys, so that the run meets the rate limit and pauses.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "keydesk.screenshots", matches = ".+")
@org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class IncidentScreenshots {

    private static final KeyCodeCombination CTRL_3 = new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN);

    @TempDir
    Path dir;
    private TestBackend backend;
    private MainWindowFixture window;
    private final Path out = Path.of(System.getProperty("keydesk.screenshots", "target/screenshots"));

    @Start
    void start(Stage stage) throws IOException {
        backend = TestBackend.start(dir.resolve("server"), 400, o -> o.plan(Plan.FREE));
        window = MainWindowFixture.show(stage, dir.resolve("home"), new AppSettings(new MemoryPreferences()),
                new ScriptedFiles());
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.setX(0);
        stage.setY(0);
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
        backend.close();
    }

    @Test
    void photograph(FxRobot robot) throws Exception {
        window.connect(robot, backend, "Production EU", Environment.PRODUCTION);
        waitUntil("keys loaded", () -> window.table(robot).getItems().size() > 300);
        Files.createDirectories(out);
        dismissNotices(robot);

        // Frozen keys in the table: freeze three from the context menu's quick path.
        TableView<KeyRow> table = window.table(robot);
        robot.interact(() -> table.getSelectionModel().selectRange(3, 6));
        robot.push(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        var confirm = window.waitForAlert();
        robot.clickOn(robot.from(confirm).lookup(".button").match((javafx.scene.control.Button b) ->
                "Freeze".equals(b.getText())).queryButton());
        var report = window.waitForAlert();
        robot.clickOn(robot.from(report).lookup(".button").match((javafx.scene.control.Button b) ->
                b.isDefaultButton()).queryButton());
        waitUntil("frozen rows", () -> table.getItems().stream().filter(KeyRow::frozen).count() >= 3);
        robot.interact(() -> table.getSelectionModel().clearAndSelect(8));
        settle();
        shoot(window.stage.getScene(), "keys-frozen.png");

        // Identify a secret that no key has.
        robot.push(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        Stage identify = window.waitForWindow(IdentifyDialog.TITLE);
        robot.write("sk_live_notAKeyOfThisServer0000000000");
        robot.type(KeyCode.ENTER);
        waitUntil("identify answered", () -> robot.lookup("#identifyMessage").queryAs(javafx.scene.control.Label.class)
                .getText().startsWith("No key"));
        settle();
        shoot(identify.getScene(), "identify.png");
        robot.interact(identify::close);

        // The plan and its preview.
        IncidentViewModel incident = window.incident();
        robot.push(CTRL_3);
        robot.clickOn("#addRuleButton");
        chooseKind(robot, 0, RuleKind.RESOURCE);
        robot.clickOn(ruleValue(robot, 0)).write("datasets");
        robot.interact(() -> {
            incident.form().reasonProperty().set("datasets:write secret leaked in a public CI log");
            incident.form().referenceProperty().set("INC-2041");
        });
        waitUntil("preview", () -> incident.previewCurrentProperty().get() && !incident.previewingProperty().get());
        robot.clickOn("#countField").write(Integer.toString(onFx(() -> incident.previewProperty().get().count())));
        robot.clickOn("#nameField").write("Production");
        settle();
        shoot(window.stage.getScene(), "incident-preview.png");

        // Running, paused by the free plan's rate limit.
        robot.clickOn("#nameField").write(" EU");
        waitUntil("may start", () -> incident.startStateProperty().get().enabled());
        robot.clickOn("#startButton");
        waitLong("the run pauses", () -> !incident.pauseTextProperty().get().isEmpty()
                || incident.phase() == IncidentViewModel.Phase.FINISHED);
        settle();
        shoot(window.stage.getScene(), "incident-running.png");

        waitLong("the run finishes", () -> incident.phase() == IncidentViewModel.Phase.FINISHED);
        settle();
        shoot(window.stage.getScene(), "incident-outcomes.png");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** The corner notices (keys expiring soon) would cover the workspace's buttons in the pictures. */
    private static void dismissNotices(FxRobot robot) {
        for (Node close : onFx(() -> new ArrayList<Node>(robot.lookup(".notice .notice-close").queryAll()))) {
            robot.interact(() -> ((javafx.scene.control.Button) close).fire());
        }
    }

    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(600, java.util.concurrent.TimeUnit.MILLISECONDS); // let a layout pass and a redraw happen
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits up to three minutes: a rate-limit pause on the free plan lasts up to a minute. */
    private static void waitLong(String what, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, java.util.concurrent.TimeUnit.SECONDS,
                () -> Boolean.TRUE.equals(WaitForAsyncUtils.asyncFx(condition).get()));
    }

    private void shoot(Scene scene, String name) throws IOException {
        dismissNotices(new FxRobot());
        settle();
        WritableImage image = onFx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", out.resolve(name).toFile());
    }

    private static javafx.scene.control.TextField ruleValue(FxRobot robot, int index) {
        waitUntil("rule line " + index, () -> robot.lookup(".rule-row").queryAll().size() > index);
        List<Node> rows = new ArrayList<Node>(robot.lookup(".rule-row").queryAll());
        @SuppressWarnings("unchecked")
        ComboBox<String> value = robot.from(rows.get(index)).lookup(".rule-value").queryAs(ComboBox.class);
        return value.getEditor();
    }

    private static void chooseKind(FxRobot robot, int index, RuleKind kind) {
        waitUntil("rule line " + index, () -> robot.lookup(".rule-row").queryAll().size() > index);
        Node row = new ArrayList<Node>(robot.lookup(".rule-row").queryAll()).get(index);
        Node combo = robot.from(row).lookup(".rule-kind").query();
        robot.clickOn(combo);
        Node cell = robot.lookup(".combo-box-popup .list-cell").match((ListCell<?> c) -> c.getItem() == kind).query();
        robot.clickOn(cell);
    }

    @SuppressWarnings("unused")
    private static List<Window> windows() {
        return new ArrayList<>(Window.getWindows());
    }
}
